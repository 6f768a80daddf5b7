# vae-reconstructions.gp: draws ../vae-reconstructions.png with plain gnuplot from the data beside it.
# Run:  cd Figures/src && gnuplot vae-reconstructions.gp
# Data: vae-reconstructions-0.bin (.dat: text columns, one block per layer; .bin: raw arrays).
set terminal pngcairo size 1459,233 enhanced font 'sans,11'
set output '../vae-reconstructions.png'
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
set title "Test images (top) and decoder means at z = mu(x) (bottom)"
unset border
unset tics
unset key
set lmargin at screen 0.047978
set rmargin at screen 1.0
set bmargin at screen 0.0
set tmargin at screen 0.733906
set label 1 "input" at screen 0.041124, first 13.5 right
set label 2 "VAE" at screen 0.041124, first 42.5 right
set label 3 "Ankle boot" at first 13.5, screen 0.781116 center font ',10'
set label 4 "Pullover" at first 42.5, screen 0.781116 center font ',10'
set label 5 "Trouser" at first 71.5, screen 0.781116 center font ',10'
set label 6 "Trouser" at first 100.5, screen 0.781116 center font ',10'
set label 7 "Shirt" at first 129.5, screen 0.781116 center font ',10'
set label 8 "Trouser" at first 158.5, screen 0.781116 center font ',10'
set label 9 "Coat" at first 187.5, screen 0.781116 center font ',10'
set label 10 "Shirt" at first 216.5, screen 0.781116 center font ',10'
set label 11 "Sandal" at first 245.5, screen 0.781116 center font ',10'
set label 12 "Sneaker" at first 274.5, screen 0.781116 center font ',10'
set label 13 "Coat" at first 303.5, screen 0.781116 center font ',10'
set label 14 "Sandal" at first 332.5, screen 0.781116 center font ',10'
set label 15 "Sneaker" at first 361.5, screen 0.781116 center font ',10'
set label 16 "Dress" at first 390.5, screen 0.781116 center font ',10'
set label 17 "Coat" at first 419.5, screen 0.781116 center font ',10'
set label 18 "Trouser" at first 448.5, screen 0.781116 center font ',10'
set palette gray gamma 1.0
set cbrange [0:255]
unset colorbox
set xrange [-0.5:462.5]
set yrange [56.5:-0.5]
plot 'vae-reconstructions-0.bin' binary array=(463,57) format='%uchar' with image notitle
unset output
