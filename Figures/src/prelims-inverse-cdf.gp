# prelims-inverse-cdf.gp: draws ../prelims-inverse-cdf.png with plain gnuplot from the data beside it.
# Run:  cd Figures/src && gnuplot prelims-inverse-cdf.gp
# Data: prelims-inverse-cdf.dat (.dat: text columns, one block per layer; .bin: raw arrays).
set terminal pngcairo size 800,600 enhanced font 'sans,11'
set output '../prelims-inverse-cdf.png'
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
set title "x = P^{-1}(u), u ∼ uni[0,1]: the 49997 of 50000 samples in [-5, 5] vs the target pdf"
set xlabel "x"
set ylabel "density"
set border 3
set tics nomirror
set grid back lt 1 lc rgb '#e4e4e4' lw 1
set samples 500
set yrange [0:*]
set key top right
set grid
plot 'prelims-inverse-cdf.dat' index 0 using 1:2:3 with boxes lc rgb '#1f77b4' fs solid 0.45 border lc rgb '#1f77b4' title "data (n = 49997)", \
     'prelims-inverse-cdf.dat' index 1 using 1:2 with lines lw 2.5 lc rgb '#ff7f0e' title "p(x) = 0.6 N(-1.5, 0.6^2) + 0.4 N(1.5, 1)"
unset output
