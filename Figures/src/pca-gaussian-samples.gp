# pca-gaussian-samples.gp: draws ../pca-gaussian-samples.png with plain gnuplot from the data beside it.
# Run:  cd Figures/src && gnuplot pca-gaussian-samples.gp
# Data: pca-gaussian-samples-0.bin (.dat: text columns, one block per layer; .bin: raw arrays).
set terminal pngcairo size 997,233 enhanced font 'sans,11'
set output '../pca-gaussian-samples.png'
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
set title "Samples x = m + A Λ^{1/2} z, z ∼ N(0, I) (clipped to [0,1])"
unset border
unset tics
unset key
set lmargin at screen 0.130391
set rmargin at screen 1.0
set bmargin at screen 0.0
set tmargin at screen 0.733906
set label 1 "draws 1-10" at screen 0.120361, first 13.5 right
set label 2 "draws 11-20" at screen 0.120361, first 42.5 right
set label 3 "1" at first 13.5, screen 0.781116 center font ',10'
set label 4 "2" at first 42.5, screen 0.781116 center font ',10'
set label 5 "3" at first 71.5, screen 0.781116 center font ',10'
set label 6 "4" at first 100.5, screen 0.781116 center font ',10'
set label 7 "5" at first 129.5, screen 0.781116 center font ',10'
set label 8 "6" at first 158.5, screen 0.781116 center font ',10'
set label 9 "7" at first 187.5, screen 0.781116 center font ',10'
set label 10 "8" at first 216.5, screen 0.781116 center font ',10'
set label 11 "9" at first 245.5, screen 0.781116 center font ',10'
set label 12 "10" at first 274.5, screen 0.781116 center font ',10'
set palette gray gamma 1.0
set cbrange [0:255]
unset colorbox
set xrange [-0.5:288.5]
set yrange [56.5:-0.5]
plot 'pca-gaussian-samples-0.bin' binary array=(289,57) format='%uchar' with image notitle
unset output
