# vae-reparameterization-gradients.gp: draws ../vae-reparameterization-gradients.png with plain gnuplot from the data beside it.
# Run:  cd Figures/src && gnuplot vae-reparameterization-gradients.gp
# Data: vae-reparameterization-gradients.dat (.dat: text columns, one block per layer; .bin: raw arrays).
set terminal pngcairo size 800,600 enhanced font 'sans,11'
set output '../vae-reparameterization-gradients.png'
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
set title "Variance of one-sample gradient estimators of E_q sum_k cos z_k"
set xlabel "parameter"
set ylabel "variance per draw"
set border 3
set tics nomirror
set grid back lt 1 lc rgb '#e4e4e4' lw 1
set samples 500
set logscale y
set xtics ('mu_1' 0, 'mu_2' 1, 'mu_3' 2, 'sigma_1' 3, 'sigma_2' 4, 'sigma_3' 5)
set xrange [-0.5:5.5]
set key top left
set grid ytics
set style fill solid 0.6
set boxwidth 0.35
plot 'vae-reparameterization-gradients.dat' index 0 using 1:2 with boxes lc rgb '#d62728' title "score function (REINFORCE)", \
     'vae-reparameterization-gradients.dat' index 1 using 1:2 with boxes lc rgb '#1f77b4' title "pathwise (reparameterization)"
unset output
