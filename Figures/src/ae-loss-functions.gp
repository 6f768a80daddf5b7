# ae-loss-functions.gp: draws ../ae-loss-functions.png with plain gnuplot from the data beside it.
# Run:  cd Figures/src && gnuplot ae-loss-functions.gp
# Data: ae-loss-functions.dat (.dat: text columns, one block per layer; .bin: raw arrays).
set terminal pngcairo size 800,600 enhanced font 'sans,11'
set output '../ae-loss-functions.png'
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
set title "Reconstruction losses of one pixel, L(s) - L(0), residual s = x - x'"
set xlabel "residual s = x - x'"
set ylabel "L(s) - L(0)"
set border 3
set tics nomirror
set grid back lt 1 lc rgb '#e4e4e4' lw 1
set samples 500
set key top center
set grid
set yrange [0:1.6]
plot 'ae-loss-functions.dat' index 0 using 1:2 with lines lw 2 lc rgb '#1f77b4' title "L2: s^2", \
     'ae-loss-functions.dat' index 1 using 1:2 with lines lw 2 lc rgb '#ff7f0e' title "L1: |s|", \
     'ae-loss-functions.dat' index 2 using 1:2 with lines lw 2 lc rgb '#2ca02c' title "CE at x = 1: -log(1 - s)", \
     'ae-loss-functions.dat' index 3 using 1:2 with lines lw 2 lc rgb '#d62728' title "EXP (τ = 1): τ e^{s^2/τ}", \
     'ae-loss-functions.dat' index 4 using 1:2 with lines lw 2 lc rgb '#9467bd' title "MCC (σ = 0.3): -H_σ(s), scaled by 75%"
unset output
