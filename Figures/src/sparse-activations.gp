# sparse-activations.gp: draws ../sparse-activations.png with plain gnuplot from the data beside it.
# Run:  cd Figures/src && gnuplot sparse-activations.gp
# Data: sparse-activations.dat (.dat: text columns, one block per layer; .bin: raw arrays).
set terminal pngcairo size 800,600 enhanced font 'sans,11'
set output '../sparse-activations.png'
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
set title "Code activations on test images (fraction per bin of width 0.02)"
set xlabel "activation h_i(x)"
set ylabel "fraction"
set border 3
set tics nomirror
set grid back lt 1 lc rgb '#e4e4e4' lw 1
set samples 500
set logscale y
set format y '%g'
set ytics (0.0001, 0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1)
plot 'sparse-activations.dat' index 0 using 1:2 with lines lw 2 lc rgb '#1f77b4' title "no penalty", \
     'sparse-activations.dat' index 1 using 1:2 with lines lw 2 lc rgb '#ff7f0e' title "rho = 0.2", \
     'sparse-activations.dat' index 2 using 1:2 with lines lw 2 lc rgb '#2ca02c' title "rho = 0.05"
unset output
