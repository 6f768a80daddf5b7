# prelims-kl-ml.gp: draws ../prelims-kl-ml.png with plain gnuplot from the data beside it.
# Run:  cd Figures/src && gnuplot prelims-kl-ml.gp
# Data: prelims-kl-ml.dat (.dat: text columns, one block per layer; .bin: raw arrays).
set terminal pngcairo size 800,600 enhanced font 'sans,11'
set output '../prelims-kl-ml.png'
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
set title "Minimising the sampled KL to p* = Laplace(0, 1) over σ: the sampled KL of N(sample mean, σ^2),\nthe true KL of N(0, σ^2)"
set xlabel "σ"
set ylabel "nats"
set border 3
set tics nomirror
set grid back lt 1 lc rgb '#e4e4e4' lw 1
set samples 500
set grid
set key top center
plot 'prelims-kl-ml.dat' index 0 using 1:2 with lines lw 2 lc rgb '#1f77b4' title "sampled KL, N = 20001", \
     'prelims-kl-ml.dat' index 1 using 1:2 with lines lw 2 lc rgb '#ff7f0e' title "true KL(p*||N(0, σ^2))", \
     'prelims-kl-ml.dat' index 2 using 1:2 with points pt 7 ps 2 lc rgb '#d62728' title "golden-section minimum, σ = 1.4038 (MLE 1.4038)"
unset output
