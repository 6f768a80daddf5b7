# ksparse-error.gp: draws ../ksparse-error.png with plain gnuplot from the data beside it.
# Run:  cd Figures/src && gnuplot ksparse-error.gp
# Data: ksparse-error.dat (.dat: text columns, one block per layer; .bin: raw arrays).
set terminal pngcairo size 800,600 enhanced font 'sans,11'
set output '../ksparse-error.png'
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
set title "K-sparse AE: test reconstruction error against k"
set xlabel "k (units kept in training)"
set ylabel "test MSE per pixel"
set border 3
set tics nomirror
set grid back lt 1 lc rgb '#e4e4e4' lw 1
set samples 500
set logscale y
set format y '%g'
set ytics (0.01, 0.02, 0.05, 0.1)
plot 'ksparse-error.dat' index 0 using 1:2 with linespoints lw 2 lc rgb '#1f77b4' title "k kept (as trained)", \
     'ksparse-error.dat' index 1 using 1:2 with linespoints lw 2 lc rgb '#ff7f0e' title "alpha k kept (encoding, alpha = 3)"
unset output
