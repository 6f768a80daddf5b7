# sparse-filters.gp: draws ../sparse-filters.png with plain gnuplot from the data beside it.
# Run:  cd Figures/src && gnuplot sparse-filters.gp
# Data: sparse-filters-0.bin (.dat: text columns, one block per layer; .bin: raw arrays).
set terminal pngcairo size 1509,320 enhanced font 'sans,11'
set output '../sparse-filters.png'
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
set title "Learned filters: the columns of W of the 16 units with the largest mean activation on the test images, busiest first, each scaled to its range"
unset border
unset tics
unset key
set lmargin at screen 0.079523
set rmargin at screen 1.0
set bmargin at screen 0.0
set tmargin at screen 0.80625
set label 1 "no penalty" at screen 0.072896, first 13.5 right
set label 2 "rho = 0.2" at screen 0.072896, first 42.5 right
set label 3 "rho = 0.05" at screen 0.072896, first 71.5 right
set label 4 "rank 1" at first 13.5, screen 0.840625 center font ',10'
set label 5 "rank 2" at first 42.5, screen 0.840625 center font ',10'
set label 6 "rank 3" at first 71.5, screen 0.840625 center font ',10'
set label 7 "rank 4" at first 100.5, screen 0.840625 center font ',10'
set label 8 "rank 5" at first 129.5, screen 0.840625 center font ',10'
set label 9 "rank 6" at first 158.5, screen 0.840625 center font ',10'
set label 10 "rank 7" at first 187.5, screen 0.840625 center font ',10'
set label 11 "rank 8" at first 216.5, screen 0.840625 center font ',10'
set label 12 "rank 9" at first 245.5, screen 0.840625 center font ',10'
set label 13 "rank 10" at first 274.5, screen 0.840625 center font ',10'
set label 14 "rank 11" at first 303.5, screen 0.840625 center font ',10'
set label 15 "rank 12" at first 332.5, screen 0.840625 center font ',10'
set label 16 "rank 13" at first 361.5, screen 0.840625 center font ',10'
set label 17 "rank 14" at first 390.5, screen 0.840625 center font ',10'
set label 18 "rank 15" at first 419.5, screen 0.840625 center font ',10'
set label 19 "rank 16" at first 448.5, screen 0.840625 center font ',10'
set palette gray gamma 1.0
set cbrange [0:255]
unset colorbox
set xrange [-0.5:462.5]
set yrange [85.5:-0.5]
plot 'sparse-filters-0.bin' binary array=(463,86) format='%uchar' with image notitle
unset output
