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
set title "Test images in the autoencoder's 2-D code (10-NN accuracy 0.69)\naxes: the 1st to 99th percentiles; 65 of 5000 points lie outside"
set xlabel "z_1"
set ylabel "z_2"
set border 3
set tics nomirror
set grid back lt 1 lc rgb '#e4e4e4' lw 1
set samples 500
set key outside right top spacing 1.3
set xrange [-19.86614065170288:7.781003284454346]
set yrange [-15.1991117477417:7.417363929748535]
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
