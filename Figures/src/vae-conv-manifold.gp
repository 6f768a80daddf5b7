# vae-conv-manifold.gp: draws ../vae-conv-manifold.png with plain gnuplot from the data beside it.
# Run:  cd Figures/src && gnuplot vae-conv-manifold.gp
# Data: vae-conv-manifold-0.bin (.dat: text columns, one block per layer; .bin: raw arrays).
set terminal pngcairo size 1432,1364 enhanced font 'sans,11'
set output '../vae-conv-manifold.png'
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
set title "conv VAE: Decoded z = Phi^{-1}(u), u on a 15x15 grid of [0.05, 0.95]^2: z_1 by column, z_2 by row"
unset border
unset tics
unset key
set lmargin at screen 0.090782
set rmargin at screen 1.0
set bmargin at screen 0.0
set tmargin at screen 0.954545
set label 1 "z_2 = 1.64" at screen 0.083799, first 13.5 right
set label 2 "z_2 = 1.20" at screen 0.083799, first 42.5 right
set label 3 "z_2 = 0.92" at screen 0.083799, first 71.5 right
set label 4 "z_2 = 0.70" at screen 0.083799, first 100.5 right
set label 5 "z_2 = 0.50" at screen 0.083799, first 129.5 right
set label 6 "z_2 = 0.33" at screen 0.083799, first 158.5 right
set label 7 "z_2 = 0.16" at screen 0.083799, first 187.5 right
set label 8 "z_2 = 0.00" at screen 0.083799, first 216.5 right
set label 9 "z_2 = -0.16" at screen 0.083799, first 245.5 right
set label 10 "z_2 = -0.33" at screen 0.083799, first 274.5 right
set label 11 "z_2 = -0.50" at screen 0.083799, first 303.5 right
set label 12 "z_2 = -0.70" at screen 0.083799, first 332.5 right
set label 13 "z_2 = -0.92" at screen 0.083799, first 361.5 right
set label 14 "z_2 = -1.20" at screen 0.083799, first 390.5 right
set label 15 "z_2 = -1.64" at screen 0.083799, first 419.5 right
set label 16 "-1.64" at first 13.5, screen 0.96261 center font ',10'
set label 17 "-1.20" at first 42.5, screen 0.96261 center font ',10'
set label 18 "-0.92" at first 71.5, screen 0.96261 center font ',10'
set label 19 "-0.70" at first 100.5, screen 0.96261 center font ',10'
set label 20 "-0.50" at first 129.5, screen 0.96261 center font ',10'
set label 21 "-0.33" at first 158.5, screen 0.96261 center font ',10'
set label 22 "-0.16" at first 187.5, screen 0.96261 center font ',10'
set label 23 "0.00" at first 216.5, screen 0.96261 center font ',10'
set label 24 "0.16" at first 245.5, screen 0.96261 center font ',10'
set label 25 "0.33" at first 274.5, screen 0.96261 center font ',10'
set label 26 "0.50" at first 303.5, screen 0.96261 center font ',10'
set label 27 "0.70" at first 332.5, screen 0.96261 center font ',10'
set label 28 "0.92" at first 361.5, screen 0.96261 center font ',10'
set label 29 "1.20" at first 390.5, screen 0.96261 center font ',10'
set label 30 "1.64" at first 419.5, screen 0.96261 center font ',10'
set palette gray gamma 1.0
set cbrange [0:255]
unset colorbox
set xrange [-0.5:433.5]
set yrange [433.5:-0.5]
plot 'vae-conv-manifold-0.bin' binary array=(434,434) format='%uchar' with image notitle
unset output
