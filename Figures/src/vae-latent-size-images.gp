# vae-latent-size-images.gp: draws ../vae-latent-size-images.png with plain gnuplot from the data beside it.
# Run:  cd Figures/src && gnuplot vae-latent-size-images.gp
# Data: vae-latent-size-images-0.bin (.dat: text columns, one block per layer; .bin: raw arrays).
set terminal pngcairo size 1201,842 enhanced font 'sans,11'
set output '../vae-latent-size-images.png'
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
set title "Per latent size Z (3 epochs each): test images at z = mu(x), decoder means for z ∼ N(0, I)"
unset border
unset tics
unset key
set lmargin at screen 0.133222
set rmargin at screen 1.0
set bmargin at screen 0.0
set tmargin at screen 0.926366
set label 1 "input" at screen 0.124896, first 13.5 right
set label 2 "Z = 2 recon" at screen 0.124896, first 42.5 right
set label 3 "Z = 2 samples" at screen 0.124896, first 71.5 right
set label 4 "Z = 5 recon" at screen 0.124896, first 100.5 right
set label 5 "Z = 5 samples" at screen 0.124896, first 129.5 right
set label 6 "Z = 10 recon" at screen 0.124896, first 158.5 right
set label 7 "Z = 10 samples" at screen 0.124896, first 187.5 right
set label 8 "Z = 20 recon" at screen 0.124896, first 216.5 right
set label 9 "Z = 20 samples" at screen 0.124896, first 245.5 right
set label 10 "Ankle boot" at first 13.5, screen 0.93943 center font ',10'
set label 11 "Pullover" at first 42.5, screen 0.93943 center font ',10'
set label 12 "Trouser" at first 71.5, screen 0.93943 center font ',10'
set label 13 "Trouser" at first 100.5, screen 0.93943 center font ',10'
set label 14 "Shirt" at first 129.5, screen 0.93943 center font ',10'
set label 15 "Trouser" at first 158.5, screen 0.93943 center font ',10'
set label 16 "Coat" at first 187.5, screen 0.93943 center font ',10'
set label 17 "Shirt" at first 216.5, screen 0.93943 center font ',10'
set label 18 "Sandal" at first 245.5, screen 0.93943 center font ',10'
set label 19 "Sneaker" at first 274.5, screen 0.93943 center font ',10'
set label 20 "Coat" at first 303.5, screen 0.93943 center font ',10'
set label 21 "Sandal" at first 332.5, screen 0.93943 center font ',10'
set palette gray gamma 1.0
set cbrange [0:255]
unset colorbox
set xrange [-0.5:346.5]
set yrange [259.5:-0.5]
plot 'vae-latent-size-images-0.bin' binary array=(347,260) format='%uchar' with image notitle
unset output
