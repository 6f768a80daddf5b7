# pca-linear-network.gp: draws ../pca-linear-network.png with plain gnuplot from the data beside it.
# Run:  cd Figures/src && gnuplot pca-linear-network.gp
# Data: pca-linear-network.dat (.dat: text columns, one block per layer; .bin: raw arrays).
set terminal pngcairo size 800,600 enhanced font 'sans,11'
set output '../pca-linear-network.png'
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
set title "Linear 784-8-784 network trained by Adam vs PCA-8"
set xlabel "epoch"
set ylabel "largest principal angle to the PCA subspace (degrees)"
set border 3
set tics nomirror
set grid back lt 1 lc rgb '#e4e4e4' lw 1
set samples 500
set y2label 'excess error: network / PCA - 1'
set logscale y
set logscale y2
set ytics nomirror
set y2tics
set format y '%g'
set format y2 '10^{%L}'
set key below
set grid
plot 'pca-linear-network.dat' index 0 using 1:2 with linespoints lw 2 pt 7 lc rgb '#1f77b4' title "largest principal angle", \
     'pca-linear-network.dat' index 1 using 1:2 axes x1y2 with linespoints lw 2 pt 5 lc rgb '#d62728' title "excess error over PCA (right axis)"
unset output
