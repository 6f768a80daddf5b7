# vqvae-codebook-usage.gp: draws ../vqvae-codebook-usage.png with plain gnuplot from the data beside it.
# Run:  cd Figures/src && gnuplot vqvae-codebook-usage.gp
# Data: vqvae-codebook-usage.dat (.dat: text columns, one block per layer; .bin: raw arrays).
set terminal pngcairo size 800,600 enhanced font 'sans,11'
set output '../vqvae-codebook-usage.png'
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
set title "Codebook usage on the test images, codes sorted by frequency; a curve ends at the last code\nused, the dead codes (never chosen) after it have frequency 0 and no place on a log axis"
set xlabel "code rank"
set ylabel "fraction of the 49 x N positions"
set border 3
set tics nomirror
set grid back lt 1 lc rgb '#e4e4e4' lw 1
set samples 500
set logscale y
set format y '%g'
set ytics (1e-06, 2e-06, 5e-06, 1e-05, 2e-05, 5e-05, 0.0001, 0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1)
plot 'vqvae-codebook-usage.dat' index 0 using 1:2 with lines lw 2 lc rgb '#1f77b4' title "loss codebook: perplexity 12.4 of K = 64, 31 dead", \
     'vqvae-codebook-usage.dat' index 1 using 1:2 with lines lw 2 lc rgb '#ff7f0e' title "EMA codebook: perplexity 53.5 of K = 64, 0 dead"
unset output
