# denoising-feature-reduction.gp: draws ../denoising-feature-reduction.png with plain gnuplot from the data beside it.
# Run:  cd Figures/src && gnuplot denoising-feature-reduction.gp
# Data: denoising-feature-reduction-0.bin (.dat: text columns, one block per layer; .bin: raw arrays).
set terminal pngcairo size 1107,514 enhanced font 'sans,11'
set output '../denoising-feature-reduction.png'
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
set title "784-100-32-100-784: the plain AE on clean and on noisy test images (sigma = 0.5, clipped for display)\nand the DAE on the noisy ones (mean PSNR over the 10000 test images)"
unset border
unset tics
unset key
set lmargin at screen 0.216802
set rmargin at screen 1.0
set bmargin at screen 0.0
set tmargin at screen 0.840467
set label 1 "clean input" at screen 0.207769, first 13.5 right
set label 2 "plain AE 19.9 dB" at screen 0.207769, first 42.5 right
set label 3 "noisy input 9.3 dB" at screen 0.207769, first 71.5 right
set label 4 "plain AE on it 15.7 dB" at screen 0.207769, first 100.5 right
set label 5 "DAE on it 18.1 dB" at screen 0.207769, first 129.5 right
set label 6 "T-shirt/top" at first 13.5, screen 0.861868 center font ',10'
set label 7 "Trouser" at first 42.5, screen 0.861868 center font ',10'
set label 8 "Pullover" at first 71.5, screen 0.861868 center font ',10'
set label 9 "Dress" at first 100.5, screen 0.861868 center font ',10'
set label 10 "Coat" at first 129.5, screen 0.861868 center font ',10'
set label 11 "Sandal" at first 158.5, screen 0.861868 center font ',10'
set label 12 "Shirt" at first 187.5, screen 0.861868 center font ',10'
set label 13 "Sneaker" at first 216.5, screen 0.861868 center font ',10'
set label 14 "Bag" at first 245.5, screen 0.861868 center font ',10'
set label 15 "Ankle boot" at first 274.5, screen 0.861868 center font ',10'
set palette gray gamma 1.0
set cbrange [0:255]
unset colorbox
set xrange [-0.5:288.5]
set yrange [143.5:-0.5]
plot 'denoising-feature-reduction-0.bin' binary array=(289,144) format='%uchar' with image notitle
unset output
