# vae-beta-exact.gp: draws ../vae-beta-exact.png with plain gnuplot from the data beside it.
# Run:  cd Figures/src && gnuplot vae-beta-exact.gp
# Data: vae-beta-exact.dat (.dat: text columns, one block per layer; .bin: raw arrays).
set terminal pngcairo size 800,600 enhanced font 'sans,11'
set output '../vae-beta-exact.png'
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
set title "Linear-Gaussian VAE (Z = 10): the least distortion within KL < δ, and the optima of D + β KL on\nit with slope -β"
set xlabel "δ = rate KL(q(z|x) || p(z)) (nats)"
set ylabel "distortion: squared error / 2 s², coded directions (nats)"
set border 3
set tics nomirror
set grid back lt 1 lc rgb '#e4e4e4' lw 1
set samples 500
set key top right
set grid
set label 'β = 0.25' at 18.2076235614196,1.249999979623867 offset 1,1
set label 'β = 0.5' at 14.741887623048124,2.499999977033606 offset 1,1
set label 'β = 1' at 11.276151719091121,4.999999955224487 offset 1,1
set label 'β = 2' at 7.810415799824185,9.999999943383393 offset 1,1
set label 'β = 4' at 4.6190071757573765,19.04060417833057 offset 1,1
set label 'β = 8' at 2.3590495445186965,31.83775823611463 offset 1,1
plot 'vae-beta-exact.dat' index 0 using 1:2 with lines lw 2 lc rgb '#000000' title "least distortion within KL < δ (water-filling)", \
     'vae-beta-exact.dat' index 1 using 1:2 with linespoints lw 2 lc rgb '#ff7f0e' title "slope -β: the multiplier of the constraint", \
     'vae-beta-exact.dat' index 2 using 1:2 with linespoints lw 2 lc rgb '#ff7f0e' notitle, \
     'vae-beta-exact.dat' index 3 using 1:2 with linespoints lw 2 lc rgb '#ff7f0e' notitle, \
     'vae-beta-exact.dat' index 4 using 1:2 with linespoints lw 2 lc rgb '#ff7f0e' notitle, \
     'vae-beta-exact.dat' index 5 using 1:2 with linespoints lw 2 lc rgb '#ff7f0e' notitle, \
     'vae-beta-exact.dat' index 6 using 1:2 with linespoints lw 2 lc rgb '#ff7f0e' notitle, \
     'vae-beta-exact.dat' index 7 using 1:2 with points pt 7 ps 1.5 lc rgb '#1f77b4' title "optimum of D + β KL (golden section)"
unset output
