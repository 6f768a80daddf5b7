# denoising-psnr.gp: draws ../denoising-psnr.png with plain gnuplot from the data beside it.
# Run:  cd Figures/src && gnuplot denoising-psnr.gp
# Data: denoising-psnr.dat (.dat: text columns, one block per layer; .bin: raw arrays).
set terminal pngcairo size 800,600 enhanced font 'sans,11'
set output '../denoising-psnr.png'
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
set title "PSNR on Gaussian-noised test images (DAE trained at sigma = 0.5)"
set xlabel "noise standard deviation sigma"
set ylabel "PSNR (dB)"
set border 3
set tics nomirror
set grid back lt 1 lc rgb '#e4e4e4' lw 1
set samples 500
plot 'denoising-psnr.dat' index 0 using 1:2 with linespoints lw 2 lc rgb '#1f77b4' title "noisy input (clipped)", \
     'denoising-psnr.dat' index 1 using 1:2 with linespoints lw 2 lc rgb '#ff7f0e' title "plain AE", \
     'denoising-psnr.dat' index 2 using 1:2 with linespoints lw 2 lc rgb '#2ca02c' title "DAE"
unset output
