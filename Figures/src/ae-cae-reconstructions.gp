# ae-cae-reconstructions.gp: draws ../ae-cae-reconstructions.png with plain gnuplot from the data beside it.
# Run:  cd Figures/src && gnuplot ae-cae-reconstructions.gp
# Data: ae-cae-reconstructions-0.bin (.dat: text columns, one block per layer; .bin: raw arrays).
set terminal pngcairo size 967,427 enhanced font 'sans,11'
set output '../ae-cae-reconstructions.png'
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
set title "Test images (top), conv AE (code 7x7x2, 2275 weights), PCA with as many weights, PCA with as large a\ncode"
unset border
unset tics
unset key
set lmargin at screen 0.103413
set rmargin at screen 1.0
set bmargin at screen 0.0
set tmargin at screen 0.807963
set label 1 "original" at screen 0.093071, first 13.5 right
set label 2 "conv AE" at screen 0.093071, first 42.5 right
set label 3 "PCA-2" at screen 0.093071, first 71.5 right
set label 4 "PCA-98" at screen 0.093071, first 100.5 right
set label 5 "T-shirt/top" at first 13.5, screen 0.833724 center font ',10'
set label 6 "Trouser" at first 42.5, screen 0.833724 center font ',10'
set label 7 "Pullover" at first 71.5, screen 0.833724 center font ',10'
set label 8 "Dress" at first 100.5, screen 0.833724 center font ',10'
set label 9 "Coat" at first 129.5, screen 0.833724 center font ',10'
set label 10 "Sandal" at first 158.5, screen 0.833724 center font ',10'
set label 11 "Shirt" at first 187.5, screen 0.833724 center font ',10'
set label 12 "Sneaker" at first 216.5, screen 0.833724 center font ',10'
set label 13 "Bag" at first 245.5, screen 0.833724 center font ',10'
set label 14 "Ankle boot" at first 274.5, screen 0.833724 center font ',10'
set palette gray gamma 1.0
set cbrange [0:255]
unset colorbox
set xrange [-0.5:288.5]
set yrange [114.5:-0.5]
plot 'ae-cae-reconstructions-0.bin' binary array=(289,115) format='%uchar' with image notitle
unset output
