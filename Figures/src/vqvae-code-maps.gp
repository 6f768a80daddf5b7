# vqvae-code-maps.gp: draws ../vqvae-code-maps.png with plain gnuplot from the data beside it.
# Run:  cd Figures/src && gnuplot vqvae-code-maps.gp
# Data: vqvae-code-maps-0.bin (.dat: text columns, one block per layer; .bin: raw arrays).
set terminal pngcairo size 967,340 enhanced font 'sans,11'
set output '../vqvae-code-maps.png'
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
set title "Test images, their 7x7 code maps (EMA codebook; each code drawn at its mean brightness) and\nreconstructions"
unset border
unset tics
unset key
set lmargin at screen 0.103413
set rmargin at screen 1.0
set bmargin at screen 0.0
set tmargin at screen 0.758824
set label 1 "original" at screen 0.093071, first 13.5 right
set label 2 "code map" at screen 0.093071, first 42.5 right
set label 3 "decoded" at screen 0.093071, first 71.5 right
set label 4 "T-shirt/top" at first 13.5, screen 0.791176 center font ',10'
set label 5 "Trouser" at first 42.5, screen 0.791176 center font ',10'
set label 6 "Pullover" at first 71.5, screen 0.791176 center font ',10'
set label 7 "Dress" at first 100.5, screen 0.791176 center font ',10'
set label 8 "Coat" at first 129.5, screen 0.791176 center font ',10'
set label 9 "Sandal" at first 158.5, screen 0.791176 center font ',10'
set label 10 "Shirt" at first 187.5, screen 0.791176 center font ',10'
set label 11 "Sneaker" at first 216.5, screen 0.791176 center font ',10'
set label 12 "Bag" at first 245.5, screen 0.791176 center font ',10'
set label 13 "Ankle boot" at first 274.5, screen 0.791176 center font ',10'
set palette gray gamma 1.0
set cbrange [0:255]
unset colorbox
set xrange [-0.5:288.5]
set yrange [85.5:-0.5]
plot 'vqvae-code-maps-0.bin' binary array=(289,86) format='%uchar' with image notitle
unset output
