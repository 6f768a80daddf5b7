# vae-latent-size.gp: draws ../vae-latent-size.png with plain gnuplot from the data beside it.
# Run:  cd Figures/src && gnuplot vae-latent-size.gp
# Data: vae-latent-size.dat (.dat: text columns, one block per layer; .bin: raw arrays).
set terminal pngcairo size 800,600 enhanced font 'sans,11'
set output '../vae-latent-size.png'
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
set title "Test -ELBO and its terms vs latent size (3 epochs each)"
set xlabel "latent size Z"
set ylabel "-ELBO and reconstruction (nats)"
set border 3
set tics nomirror
set grid back lt 1 lc rgb '#e4e4e4' lw 1
set samples 500
set logscale x 2
set xrange [1.8:23]
set xtics (2, 5, 10, 20)
set y2label 'KL (nats)'
set y2tics
set ytics nomirror
set key below
set grid
plot 'vae-latent-size.dat' index 0 using 1:2 with linespoints lw 2 pt 7 lc rgb '#1f77b4' title "-ELBO", \
     'vae-latent-size.dat' index 1 using 1:2 with linespoints lw 2 pt 5 lc rgb '#2ca02c' title "reconstruction -E_q log p(x|z)", \
     'vae-latent-size.dat' index 2 using 1:2 axes x1y2 with linespoints lw 2 pt 9 lc rgb '#d62728' title "KL(q || p(z)) (right axis)"
unset output
