# prelims-ring.gp: draws ../prelims-ring.png with plain gnuplot from the data beside it.
# Run:  cd Figures/src && gnuplot prelims-ring.gp
# Data: prelims-ring.dat (.dat: text columns, one block per layer; .bin: raw arrays).
set terminal pngcairo size 760,720 enhanced font 'sans,11'
set output '../prelims-ring.png'
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
set title "z ∼ N(0, I_2) and y = z/10 + z/|z|"
set xlabel "x_1"
set ylabel "x_2"
set border 3
set tics nomirror
set grid back lt 1 lc rgb '#e4e4e4' lw 1
set samples 500
set size ratio -1
set key below
set grid
set xrange [-3.6:3.6]
set yrange [-3.6:3.6]
plot 'prelims-ring.dat' index 0 using 1:2 with points pt 7 ps 0.35 lc rgb '#80999999' title "z (2-D Gaussian)", \
     'prelims-ring.dat' index 1 using 1:2 with points pt 7 ps 0.35 lc rgb '#201f77b4' title "y = z/10 + z/|z|"
unset output
