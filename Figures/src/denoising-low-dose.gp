# denoising-low-dose.gp: draws ../denoising-low-dose.png with plain gnuplot from the data beside it.
# Run:  cd Figures/src && gnuplot denoising-low-dose.gp
# Data: denoising-low-dose-0.bin (.dat: text columns, one block per layer; .bin: raw arrays).
set terminal pngcairo size 1077,668 enhanced font 'sans,11'
set output '../denoising-low-dose.png'
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
set title "Low dose, N photons per pixel: noisy (clipped) and the DAE trained at N; PSNR over 10000 test images"
unset border
unset tics
unset key
set lmargin at screen 0.194986
set rmargin at screen 1.0
set bmargin at screen 0.0
set tmargin at screen 0.907186
set label 1 "N = 1 noisy 9.4 dB" at screen 0.185701, first 13.5 right
set label 2 "N = 1 DAE 18.7 dB" at screen 0.185701, first 42.5 right
set label 3 "N = 2 noisy 11.7 dB" at screen 0.185701, first 71.5 right
set label 4 "N = 2 DAE 19.4 dB" at screen 0.185701, first 100.5 right
set label 5 "N = 5 noisy 14.9 dB" at screen 0.185701, first 129.5 right
set label 6 "N = 5 DAE 19.9 dB" at screen 0.185701, first 158.5 right
set label 7 "clean" at screen 0.185701, first 187.5 right
set label 8 "T-shirt/top" at first 13.5, screen 0.923653 center font ',10'
set label 9 "Trouser" at first 42.5, screen 0.923653 center font ',10'
set label 10 "Pullover" at first 71.5, screen 0.923653 center font ',10'
set label 11 "Dress" at first 100.5, screen 0.923653 center font ',10'
set label 12 "Coat" at first 129.5, screen 0.923653 center font ',10'
set label 13 "Sandal" at first 158.5, screen 0.923653 center font ',10'
set label 14 "Shirt" at first 187.5, screen 0.923653 center font ',10'
set label 15 "Sneaker" at first 216.5, screen 0.923653 center font ',10'
set label 16 "Bag" at first 245.5, screen 0.923653 center font ',10'
set label 17 "Ankle boot" at first 274.5, screen 0.923653 center font ',10'
set palette gray gamma 1.0
set cbrange [0:255]
unset colorbox
set xrange [-0.5:288.5]
set yrange [201.5:-0.5]
plot 'denoising-low-dose-0.bin' binary array=(289,202) format='%uchar' with image notitle
unset output
