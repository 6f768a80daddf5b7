# ae-bow-code.gp: draws ../ae-bow-code.png with plain gnuplot from the data beside it.
# Run:  cd Figures/src && gnuplot ae-bow-code.gp
# Data: ae-bow-code.dat (.dat: text columns, one block per layer; .bin: raw arrays).
set terminal pngcairo size 800,600 enhanced font 'sans,11'
set output '../ae-bow-code.png'
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
set title "Held-out documents, 2-D code of 2000-500-250-125-2-125-250-500-2000 (10-NN\naccuracy 0.96)"
set xlabel "z_1"
set ylabel "z_2"
set border 3
set tics nomirror
set grid back lt 1 lc rgb '#e4e4e4' lw 1
set samples 500
set key outside right top spacing 1.3
plot 'ae-bow-code.dat' index 0 using 1:2 with points lt 1 ps 0.45 lc rgb '#301f77b4' notitle, \
     'ae-bow-code.dat' index 1 using 1:2 with points lt 2 ps 0.45 lc rgb '#30ff7f0e' notitle, \
     'ae-bow-code.dat' index 2 using 1:2 with points lt 3 ps 0.45 lc rgb '#302ca02c' notitle, \
     'ae-bow-code.dat' index 3 using 1:2 with points lt 4 ps 0.45 lc rgb '#30d62728' notitle, \
     'ae-bow-code.dat' index 4 using 1:2 with points lt 5 ps 0.45 lc rgb '#309467bd' notitle, \
     'ae-bow-code.dat' index 5 using 1:2 with points lt 6 ps 0.45 lc rgb '#308c564b' notitle, \
     'ae-bow-code.dat' index 6 using 1:2 with points lt 2 ps 0.45 lc rgb '#30ff7f0e' notitle, \
     'ae-bow-code.dat' index 7 using 1:2 with points lt 3 ps 0.45 lc rgb '#302ca02c' notitle, \
     'ae-bow-code.dat' index 8 using 1:2 with points lt 4 ps 0.45 lc rgb '#30d62728' notitle, \
     'ae-bow-code.dat' index 9 using 1:2 with points lt 5 ps 0.45 lc rgb '#309467bd' notitle, \
     'ae-bow-code.dat' index 10 using 1:2 with points lt 6 ps 0.45 lc rgb '#308c564b' notitle, \
     'ae-bow-code.dat' index 11 using 1:2 with points lt 1 ps 0.45 lc rgb '#301f77b4' notitle, \
     'ae-bow-code.dat' index 12 using 1:2 with points lt 3 ps 0.45 lc rgb '#302ca02c' notitle, \
     'ae-bow-code.dat' index 13 using 1:2 with points lt 4 ps 0.45 lc rgb '#30d62728' notitle, \
     'ae-bow-code.dat' index 14 using 1:2 with points lt 5 ps 0.45 lc rgb '#309467bd' notitle, \
     'ae-bow-code.dat' index 15 using 1:2 with points lt 6 ps 0.45 lc rgb '#308c564b' notitle, \
     'ae-bow-code.dat' index 16 using 1:2 with points lt 1 ps 0.45 lc rgb '#301f77b4' notitle, \
     'ae-bow-code.dat' index 17 using 1:2 with points lt 2 ps 0.45 lc rgb '#30ff7f0e' notitle, \
     'ae-bow-code.dat' index 18 using 1:2 with points lt 4 ps 0.45 lc rgb '#30d62728' notitle, \
     'ae-bow-code.dat' index 19 using 1:2 with points lt 5 ps 0.45 lc rgb '#309467bd' notitle, \
     'ae-bow-code.dat' index 20 using 1:2 with points lt 6 ps 0.45 lc rgb '#308c564b' notitle, \
     'ae-bow-code.dat' index 21 using 1:2 with points lt 1 ps 0.45 lc rgb '#301f77b4' notitle, \
     'ae-bow-code.dat' index 22 using 1:2 with points lt 2 ps 0.45 lc rgb '#30ff7f0e' notitle, \
     'ae-bow-code.dat' index 23 using 1:2 with points lt 3 ps 0.45 lc rgb '#302ca02c' notitle, \
     'ae-bow-code.dat' index 24 using 1:2 with points lt 5 ps 0.45 lc rgb '#309467bd' notitle, \
     'ae-bow-code.dat' index 25 using 1:2 with points lt 6 ps 0.45 lc rgb '#308c564b' notitle, \
     'ae-bow-code.dat' index 26 using 1:2 with points lt 1 ps 0.45 lc rgb '#301f77b4' notitle, \
     'ae-bow-code.dat' index 27 using 1:2 with points lt 2 ps 0.45 lc rgb '#30ff7f0e' notitle, \
     'ae-bow-code.dat' index 28 using 1:2 with points lt 3 ps 0.45 lc rgb '#302ca02c' notitle, \
     'ae-bow-code.dat' index 29 using 1:2 with points lt 4 ps 0.45 lc rgb '#30d62728' notitle, \
     'ae-bow-code.dat' index 30 using 1:2 with points lt 6 ps 0.45 lc rgb '#308c564b' notitle, \
     'ae-bow-code.dat' index 31 using 1:2 with points lt 1 ps 0.45 lc rgb '#301f77b4' notitle, \
     'ae-bow-code.dat' index 32 using 1:2 with points lt 2 ps 0.45 lc rgb '#30ff7f0e' notitle, \
     'ae-bow-code.dat' index 33 using 1:2 with points lt 3 ps 0.45 lc rgb '#302ca02c' notitle, \
     'ae-bow-code.dat' index 34 using 1:2 with points lt 4 ps 0.45 lc rgb '#30d62728' notitle, \
     'ae-bow-code.dat' index 35 using 1:2 with points lt 5 ps 0.45 lc rgb '#309467bd' notitle, \
     'ae-bow-code.dat' index 36 using 1:2 with points lt 1 ps 0.45 lc rgb '#301f77b4' notitle, \
     'ae-bow-code.dat' index 37 using 1:2 with points lt 2 ps 0.45 lc rgb '#30ff7f0e' notitle, \
     'ae-bow-code.dat' index 38 using 1:2 with points lt 3 ps 0.45 lc rgb '#302ca02c' notitle, \
     'ae-bow-code.dat' index 39 using 1:2 with points lt 4 ps 0.45 lc rgb '#30d62728' notitle, \
     'ae-bow-code.dat' index 40 using 1:2 with points lt 5 ps 0.45 lc rgb '#309467bd' notitle, \
     'ae-bow-code.dat' index 41 using 1:2 with points lt 6 ps 0.45 lc rgb '#308c564b' notitle, \
     'ae-bow-code.dat' index 42 using 1:2 with points lt 2 ps 0.45 lc rgb '#30ff7f0e' notitle, \
     'ae-bow-code.dat' index 43 using 1:2 with points lt 3 ps 0.45 lc rgb '#302ca02c' notitle, \
     'ae-bow-code.dat' index 44 using 1:2 with points lt 4 ps 0.45 lc rgb '#30d62728' notitle, \
     'ae-bow-code.dat' index 45 using 1:2 with points lt 5 ps 0.45 lc rgb '#309467bd' notitle, \
     'ae-bow-code.dat' index 46 using 1:2 with points lt 6 ps 0.45 lc rgb '#308c564b' notitle, \
     'ae-bow-code.dat' index 47 using 1:2 with points lt 1 ps 0.45 lc rgb '#301f77b4' notitle, \
     'ae-bow-code.dat' index 48 using 1:2 with points lt 3 ps 0.45 lc rgb '#302ca02c' notitle, \
     'ae-bow-code.dat' index 49 using 1:2 with points lt 4 ps 0.45 lc rgb '#30d62728' notitle, \
     'ae-bow-code.dat' index 50 using 1:2 with points lt 5 ps 0.45 lc rgb '#309467bd' notitle, \
     'ae-bow-code.dat' index 51 using 1:2 with points lt 6 ps 0.45 lc rgb '#308c564b' notitle, \
     'ae-bow-code.dat' index 52 using 1:2 with points lt 1 ps 0.45 lc rgb '#301f77b4' notitle, \
     'ae-bow-code.dat' index 53 using 1:2 with points lt 2 ps 0.45 lc rgb '#30ff7f0e' notitle, \
     'ae-bow-code.dat' index 54 using 1:2 with points lt 4 ps 0.45 lc rgb '#30d62728' notitle, \
     'ae-bow-code.dat' index 55 using 1:2 with points lt 5 ps 0.45 lc rgb '#309467bd' notitle, \
     'ae-bow-code.dat' index 56 using 1:2 with points lt 6 ps 0.45 lc rgb '#308c564b' notitle, \
     'ae-bow-code.dat' index 57 using 1:2 with points lt 1 ps 0.45 lc rgb '#301f77b4' notitle, \
     'ae-bow-code.dat' index 58 using 1:2 with points lt 2 ps 0.45 lc rgb '#30ff7f0e' notitle, \
     'ae-bow-code.dat' index 59 using 1:2 with points lt 3 ps 0.45 lc rgb '#302ca02c' notitle, \
     keyentry with points lt 1 ps 1.6 lc rgb '#1f77b4' title "topic 1", \
     keyentry with points lt 2 ps 1.6 lc rgb '#ff7f0e' title "topic 2", \
     keyentry with points lt 3 ps 1.6 lc rgb '#2ca02c' title "topic 3", \
     keyentry with points lt 4 ps 1.6 lc rgb '#d62728' title "topic 4", \
     keyentry with points lt 5 ps 1.6 lc rgb '#9467bd' title "topic 5", \
     keyentry with points lt 6 ps 1.6 lc rgb '#8c564b' title "topic 6"
unset output
