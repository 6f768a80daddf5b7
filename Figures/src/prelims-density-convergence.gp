# prelims-density-convergence.gp: draws ../prelims-density-convergence.png with plain gnuplot from the data beside it.
# Run:  cd Figures/src && gnuplot prelims-density-convergence.gp
# Data: prelims-density-convergence.dat (.dat: text columns, one block per layer; .bin: raw arrays).
set terminal pngcairo size 800,600 enhanced font 'sans,11'
set output '../prelims-density-convergence.png'
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
set title "Integrated squared error of the density estimates"
set xlabel "N (samples)"
set ylabel "ISE = ∫ (p_{est} - p)^2 dx"
set border 3
set tics nomirror
set grid back lt 1 lc rgb '#e4e4e4' lw 1
set samples 500
set logscale y
set format y '%g'
set ytics (0.0001, 0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1)
set logscale x
set format x '10^{%L}'
set grid
set key top right
plot 'prelims-density-convergence.dat' index 0 using 1:2 with linespoints lw 2 lc rgb '#1f77b4' title "histogram (Scott bins)", \
     'prelims-density-convergence.dat' index 1 using 1:2 with linespoints lw 2 lc rgb '#ff7f0e' title "KDE (Silverman h)", \
     'prelims-density-convergence.dat' index 2 using 1:2 with points pt 7 ps 1.3 lc rgb '#1f77b4' notitle, \
     'prelims-density-convergence.dat' index 3 using 1:2 with points pt 7 ps 1.3 lc rgb '#ff7f0e' notitle, \
     'prelims-density-convergence.dat' index 4 using 1:2 with linespoints lw 1 dt 2 lc rgb '#666666' title "rate N^{-2/3}", \
     'prelims-density-convergence.dat' index 5 using 1:2 with linespoints lw 1 dt 2 lc rgb '#666666' title "rate N^{-4/5}"
unset output
