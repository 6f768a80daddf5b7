# ae-code-scatter.gp: draws ../ae-code-scatter.png with plain gnuplot from the data beside it.
# Run:  cd Figures/src && gnuplot ae-code-scatter.gp
# Data: ae-code-scatter.dat (.dat: text columns, one block per layer; .bin: raw arrays).
set terminal pngcairo size 800,600 enhanced font 'sans,11'
set output '../ae-code-scatter.png'
set encoding utf8
set linetype 1 lc rgb '#1f77b4' lw 1.5 pt 7 ps 0.6
set linetype 2 lc rgb '#ff7f0e' lw 1.5 pt 7 ps 0.6
set linetype 3 lc rgb '#2ca02c' lw 1.5 pt 7 ps 0.6
set linetype 4 lc rgb '#d62728' lw 1.5 pt 7 ps 0.6
set linetype 5 lc rgb '#9467bd' lw 1.5 pt 7 ps 0.6
set linetype 6 lc rgb '#8c564b' lw 1.5 pt 7 ps 0.6
set linetype 7 lc rgb '#e377c2' lw 1.5 pt 7 ps 0.6
set linetype 8 lc rgb '#7f7f7f' lw 1.5 pt 7 ps 0.6
set linetype 9 lc rgb '#bcbd22' lw 1.5 pt 7 ps 0.6
set linetype 10 lc rgb '#17becf' lw 1.5 pt 7 ps 0.6
set linetype cycle 10
set title "Test images in the autoencoder's 2-D code (10-NN accuracy 0.70)\naxes: the 1st to 99th percentiles; 54 of 5000 points lie outside"
set xlabel "z_1"
set ylabel "z_2"
set border 3
set tics nomirror
set grid back lt 1 lc rgb '#e4e4e4' lw 1
set samples 500
set key outside right top spacing 1.3
set xrange [-19.415941953659058:7.56319260597229]
set yrange [-14.404302835464478:7.725964307785034]
plot 'ae-code-scatter.dat' index 0 using 1:2 with points lt 1 ps 0.45 lc rgb '#301f77b4' notitle, \
     'ae-code-scatter.dat' index 1 using 1:2 with points lt 2 ps 0.45 lc rgb '#30ff7f0e' notitle, \
     'ae-code-scatter.dat' index 2 using 1:2 with points lt 3 ps 0.45 lc rgb '#302ca02c' notitle, \
     'ae-code-scatter.dat' index 3 using 1:2 with points lt 4 ps 0.45 lc rgb '#30d62728' notitle, \
     'ae-code-scatter.dat' index 4 using 1:2 with points lt 5 ps 0.45 lc rgb '#309467bd' notitle, \
     'ae-code-scatter.dat' index 5 using 1:2 with points lt 6 ps 0.45 lc rgb '#308c564b' notitle, \
     'ae-code-scatter.dat' index 6 using 1:2 with points lt 7 ps 0.45 lc rgb '#30e377c2' notitle, \
     'ae-code-scatter.dat' index 7 using 1:2 with points lt 8 ps 0.45 lc rgb '#307f7f7f' notitle, \
     'ae-code-scatter.dat' index 8 using 1:2 with points lt 9 ps 0.45 lc rgb '#30bcbd22' notitle, \
     'ae-code-scatter.dat' index 9 using 1:2 with points lt 10 ps 0.45 lc rgb '#3017becf' notitle, \
     'ae-code-scatter.dat' index 10 using 1:2 with points lt 2 ps 0.45 lc rgb '#30ff7f0e' notitle, \
     'ae-code-scatter.dat' index 11 using 1:2 with points lt 3 ps 0.45 lc rgb '#302ca02c' notitle, \
     'ae-code-scatter.dat' index 12 using 1:2 with points lt 4 ps 0.45 lc rgb '#30d62728' notitle, \
     'ae-code-scatter.dat' index 13 using 1:2 with points lt 5 ps 0.45 lc rgb '#309467bd' notitle, \
     'ae-code-scatter.dat' index 14 using 1:2 with points lt 6 ps 0.45 lc rgb '#308c564b' notitle, \
     'ae-code-scatter.dat' index 15 using 1:2 with points lt 7 ps 0.45 lc rgb '#30e377c2' notitle, \
     'ae-code-scatter.dat' index 16 using 1:2 with points lt 8 ps 0.45 lc rgb '#307f7f7f' notitle, \
     'ae-code-scatter.dat' index 17 using 1:2 with points lt 9 ps 0.45 lc rgb '#30bcbd22' notitle, \
     'ae-code-scatter.dat' index 18 using 1:2 with points lt 10 ps 0.45 lc rgb '#3017becf' notitle, \
     'ae-code-scatter.dat' index 19 using 1:2 with points lt 1 ps 0.45 lc rgb '#301f77b4' notitle, \
     'ae-code-scatter.dat' index 20 using 1:2 with points lt 3 ps 0.45 lc rgb '#302ca02c' notitle, \
     'ae-code-scatter.dat' index 21 using 1:2 with points lt 4 ps 0.45 lc rgb '#30d62728' notitle, \
     'ae-code-scatter.dat' index 22 using 1:2 with points lt 5 ps 0.45 lc rgb '#309467bd' notitle, \
     'ae-code-scatter.dat' index 23 using 1:2 with points lt 6 ps 0.45 lc rgb '#308c564b' notitle, \
     'ae-code-scatter.dat' index 24 using 1:2 with points lt 7 ps 0.45 lc rgb '#30e377c2' notitle, \
     'ae-code-scatter.dat' index 25 using 1:2 with points lt 8 ps 0.45 lc rgb '#307f7f7f' notitle, \
     'ae-code-scatter.dat' index 26 using 1:2 with points lt 9 ps 0.45 lc rgb '#30bcbd22' notitle, \
     'ae-code-scatter.dat' index 27 using 1:2 with points lt 10 ps 0.45 lc rgb '#3017becf' notitle, \
     'ae-code-scatter.dat' index 28 using 1:2 with points lt 1 ps 0.45 lc rgb '#301f77b4' notitle, \
     'ae-code-scatter.dat' index 29 using 1:2 with points lt 2 ps 0.45 lc rgb '#30ff7f0e' notitle, \
     'ae-code-scatter.dat' index 30 using 1:2 with points lt 4 ps 0.45 lc rgb '#30d62728' notitle, \
     'ae-code-scatter.dat' index 31 using 1:2 with points lt 5 ps 0.45 lc rgb '#309467bd' notitle, \
     'ae-code-scatter.dat' index 32 using 1:2 with points lt 6 ps 0.45 lc rgb '#308c564b' notitle, \
     'ae-code-scatter.dat' index 33 using 1:2 with points lt 7 ps 0.45 lc rgb '#30e377c2' notitle, \
     'ae-code-scatter.dat' index 34 using 1:2 with points lt 8 ps 0.45 lc rgb '#307f7f7f' notitle, \
     'ae-code-scatter.dat' index 35 using 1:2 with points lt 9 ps 0.45 lc rgb '#30bcbd22' notitle, \
     'ae-code-scatter.dat' index 36 using 1:2 with points lt 10 ps 0.45 lc rgb '#3017becf' notitle, \
     'ae-code-scatter.dat' index 37 using 1:2 with points lt 1 ps 0.45 lc rgb '#301f77b4' notitle, \
     'ae-code-scatter.dat' index 38 using 1:2 with points lt 2 ps 0.45 lc rgb '#30ff7f0e' notitle, \
     'ae-code-scatter.dat' index 39 using 1:2 with points lt 3 ps 0.45 lc rgb '#302ca02c' notitle, \
     'ae-code-scatter.dat' index 40 using 1:2 with points lt 5 ps 0.45 lc rgb '#309467bd' notitle, \
     'ae-code-scatter.dat' index 41 using 1:2 with points lt 6 ps 0.45 lc rgb '#308c564b' notitle, \
     'ae-code-scatter.dat' index 42 using 1:2 with points lt 7 ps 0.45 lc rgb '#30e377c2' notitle, \
     'ae-code-scatter.dat' index 43 using 1:2 with points lt 8 ps 0.45 lc rgb '#307f7f7f' notitle, \
     'ae-code-scatter.dat' index 44 using 1:2 with points lt 9 ps 0.45 lc rgb '#30bcbd22' notitle, \
     'ae-code-scatter.dat' index 45 using 1:2 with points lt 10 ps 0.45 lc rgb '#3017becf' notitle, \
     'ae-code-scatter.dat' index 46 using 1:2 with points lt 1 ps 0.45 lc rgb '#301f77b4' notitle, \
     'ae-code-scatter.dat' index 47 using 1:2 with points lt 2 ps 0.45 lc rgb '#30ff7f0e' notitle, \
     'ae-code-scatter.dat' index 48 using 1:2 with points lt 3 ps 0.45 lc rgb '#302ca02c' notitle, \
     'ae-code-scatter.dat' index 49 using 1:2 with points lt 4 ps 0.45 lc rgb '#30d62728' notitle, \
     'ae-code-scatter.dat' index 50 using 1:2 with points lt 6 ps 0.45 lc rgb '#308c564b' notitle, \
     'ae-code-scatter.dat' index 51 using 1:2 with points lt 7 ps 0.45 lc rgb '#30e377c2' notitle, \
     'ae-code-scatter.dat' index 52 using 1:2 with points lt 8 ps 0.45 lc rgb '#307f7f7f' notitle, \
     'ae-code-scatter.dat' index 53 using 1:2 with points lt 9 ps 0.45 lc rgb '#30bcbd22' notitle, \
     'ae-code-scatter.dat' index 54 using 1:2 with points lt 10 ps 0.45 lc rgb '#3017becf' notitle, \
     'ae-code-scatter.dat' index 55 using 1:2 with points lt 1 ps 0.45 lc rgb '#301f77b4' notitle, \
     'ae-code-scatter.dat' index 56 using 1:2 with points lt 2 ps 0.45 lc rgb '#30ff7f0e' notitle, \
     'ae-code-scatter.dat' index 57 using 1:2 with points lt 3 ps 0.45 lc rgb '#302ca02c' notitle, \
     'ae-code-scatter.dat' index 58 using 1:2 with points lt 4 ps 0.45 lc rgb '#30d62728' notitle, \
     'ae-code-scatter.dat' index 59 using 1:2 with points lt 5 ps 0.45 lc rgb '#309467bd' notitle, \
     'ae-code-scatter.dat' index 60 using 1:2 with points lt 7 ps 0.45 lc rgb '#30e377c2' notitle, \
     'ae-code-scatter.dat' index 61 using 1:2 with points lt 8 ps 0.45 lc rgb '#307f7f7f' notitle, \
     'ae-code-scatter.dat' index 62 using 1:2 with points lt 9 ps 0.45 lc rgb '#30bcbd22' notitle, \
     'ae-code-scatter.dat' index 63 using 1:2 with points lt 10 ps 0.45 lc rgb '#3017becf' notitle, \
     'ae-code-scatter.dat' index 64 using 1:2 with points lt 1 ps 0.45 lc rgb '#301f77b4' notitle, \
     'ae-code-scatter.dat' index 65 using 1:2 with points lt 2 ps 0.45 lc rgb '#30ff7f0e' notitle, \
     'ae-code-scatter.dat' index 66 using 1:2 with points lt 3 ps 0.45 lc rgb '#302ca02c' notitle, \
     'ae-code-scatter.dat' index 67 using 1:2 with points lt 4 ps 0.45 lc rgb '#30d62728' notitle, \
     'ae-code-scatter.dat' index 68 using 1:2 with points lt 5 ps 0.45 lc rgb '#309467bd' notitle, \
     'ae-code-scatter.dat' index 69 using 1:2 with points lt 6 ps 0.45 lc rgb '#308c564b' notitle, \
     'ae-code-scatter.dat' index 70 using 1:2 with points lt 8 ps 0.45 lc rgb '#307f7f7f' notitle, \
     'ae-code-scatter.dat' index 71 using 1:2 with points lt 9 ps 0.45 lc rgb '#30bcbd22' notitle, \
     'ae-code-scatter.dat' index 72 using 1:2 with points lt 10 ps 0.45 lc rgb '#3017becf' notitle, \
     'ae-code-scatter.dat' index 73 using 1:2 with points lt 1 ps 0.45 lc rgb '#301f77b4' notitle, \
     'ae-code-scatter.dat' index 74 using 1:2 with points lt 2 ps 0.45 lc rgb '#30ff7f0e' notitle, \
     'ae-code-scatter.dat' index 75 using 1:2 with points lt 3 ps 0.45 lc rgb '#302ca02c' notitle, \
     'ae-code-scatter.dat' index 76 using 1:2 with points lt 4 ps 0.45 lc rgb '#30d62728' notitle, \
     'ae-code-scatter.dat' index 77 using 1:2 with points lt 5 ps 0.45 lc rgb '#309467bd' notitle, \
     'ae-code-scatter.dat' index 78 using 1:2 with points lt 6 ps 0.45 lc rgb '#308c564b' notitle, \
     'ae-code-scatter.dat' index 79 using 1:2 with points lt 7 ps 0.45 lc rgb '#30e377c2' notitle, \
     'ae-code-scatter.dat' index 80 using 1:2 with points lt 9 ps 0.45 lc rgb '#30bcbd22' notitle, \
     'ae-code-scatter.dat' index 81 using 1:2 with points lt 10 ps 0.45 lc rgb '#3017becf' notitle, \
     'ae-code-scatter.dat' index 82 using 1:2 with points lt 1 ps 0.45 lc rgb '#301f77b4' notitle, \
     'ae-code-scatter.dat' index 83 using 1:2 with points lt 2 ps 0.45 lc rgb '#30ff7f0e' notitle, \
     'ae-code-scatter.dat' index 84 using 1:2 with points lt 3 ps 0.45 lc rgb '#302ca02c' notitle, \
     'ae-code-scatter.dat' index 85 using 1:2 with points lt 4 ps 0.45 lc rgb '#30d62728' notitle, \
     'ae-code-scatter.dat' index 86 using 1:2 with points lt 5 ps 0.45 lc rgb '#309467bd' notitle, \
     'ae-code-scatter.dat' index 87 using 1:2 with points lt 6 ps 0.45 lc rgb '#308c564b' notitle, \
     'ae-code-scatter.dat' index 88 using 1:2 with points lt 7 ps 0.45 lc rgb '#30e377c2' notitle, \
     'ae-code-scatter.dat' index 89 using 1:2 with points lt 8 ps 0.45 lc rgb '#307f7f7f' notitle, \
     'ae-code-scatter.dat' index 90 using 1:2 with points lt 10 ps 0.45 lc rgb '#3017becf' notitle, \
     'ae-code-scatter.dat' index 91 using 1:2 with points lt 1 ps 0.45 lc rgb '#301f77b4' notitle, \
     'ae-code-scatter.dat' index 92 using 1:2 with points lt 2 ps 0.45 lc rgb '#30ff7f0e' notitle, \
     'ae-code-scatter.dat' index 93 using 1:2 with points lt 3 ps 0.45 lc rgb '#302ca02c' notitle, \
     'ae-code-scatter.dat' index 94 using 1:2 with points lt 4 ps 0.45 lc rgb '#30d62728' notitle, \
     'ae-code-scatter.dat' index 95 using 1:2 with points lt 5 ps 0.45 lc rgb '#309467bd' notitle, \
     'ae-code-scatter.dat' index 96 using 1:2 with points lt 6 ps 0.45 lc rgb '#308c564b' notitle, \
     'ae-code-scatter.dat' index 97 using 1:2 with points lt 7 ps 0.45 lc rgb '#30e377c2' notitle, \
     'ae-code-scatter.dat' index 98 using 1:2 with points lt 8 ps 0.45 lc rgb '#307f7f7f' notitle, \
     'ae-code-scatter.dat' index 99 using 1:2 with points lt 9 ps 0.45 lc rgb '#30bcbd22' notitle, \
     keyentry with points lt 1 ps 1.6 lc rgb '#1f77b4' title "T-shirt/top", \
     keyentry with points lt 2 ps 1.6 lc rgb '#ff7f0e' title "Trouser", \
     keyentry with points lt 3 ps 1.6 lc rgb '#2ca02c' title "Pullover", \
     keyentry with points lt 4 ps 1.6 lc rgb '#d62728' title "Dress", \
     keyentry with points lt 5 ps 1.6 lc rgb '#9467bd' title "Coat", \
     keyentry with points lt 6 ps 1.6 lc rgb '#8c564b' title "Sandal", \
     keyentry with points lt 7 ps 1.6 lc rgb '#e377c2' title "Shirt", \
     keyentry with points lt 8 ps 1.6 lc rgb '#7f7f7f' title "Sneaker", \
     keyentry with points lt 9 ps 1.6 lc rgb '#bcbd22' title "Bag", \
     keyentry with points lt 10 ps 1.6 lc rgb '#17becf' title "Ankle boot"
unset output
