# vae-kl-convergence.gp: draws ../vae-kl-convergence.png with plain gnuplot from the data beside it.
# Run:  cd Figures/src && gnuplot vae-kl-convergence.gp
# Data: vae-kl-convergence.dat (.dat: text columns, one block per layer; .bin: raw arrays).
set terminal pngcairo size 800,600 enhanced font 'sans,11'
set output '../vae-kl-convergence.png'
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
set title "Monte Carlo KL(q || N(0, I)) converging to the closed form (4-D, full covariance)"
set xlabel "number of samples n"
set ylabel "KL estimate (nats)"
set border 3
set tics nomirror
set grid back lt 1 lc rgb '#e4e4e4' lw 1
set samples 500
set logscale x
set xrange [10:200000]
set key top right
set grid
plot 'vae-kl-convergence.dat' index 0 using 1:2:3 with filledcurves lc rgb '#c6dbef' title "estimate +- 2 SE", \
     'vae-kl-convergence.dat' index 1 using 1:2 with lines lw 2 lc rgb '#1f77b4' title "Monte Carlo mean of log q(z) - log p(z)", \
     'vae-kl-convergence.dat' index 2 using 1:2 with linespoints lw 2 dt 2 lc rgb '#d62728' title "closed form"
unset output
