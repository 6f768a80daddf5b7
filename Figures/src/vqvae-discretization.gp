# vqvae-discretization.gp: draws ../vqvae-discretization.png with plain gnuplot from the data beside it.
# Run:  cd Figures/src && gnuplot vqvae-discretization.gp
# Data: vqvae-discretization.dat, vqvae-discretization-0.bin, vqvae-discretization-12.bin (.dat: text columns, one block per layer; .bin: raw arrays).
set terminal pngcairo size 1100,620 enhanced font 'sans,11'
set output '../vqvae-discretization.png'
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
set title "Latent space discretization: z_e ∈ R^2 snapped to the nearest of K = 10 codes (cells: argmin_j ||z - e_j||; colour = code)"
set xlabel "z_1"
set ylabel "z_2"
set border 15
set grid back lt 1 lc rgb '#e4e4e4' lw 1
set samples 500
set palette defined (0 '#440154', 1 '#472c7a', 2 '#3b518b', 3 '#2c718e', 4 '#21908d', 5 '#27ad81', 6 '#5cc863', 7 '#aadc32', 8 '#fde725')
set format cb '%g'
set autoscale fix
set key opaque
set size ratio -1
unset colorbox
set key below
set cbrange [0:10]
set palette defined (0 '#bcd7e9', 1 '#bcd7e9', 1 '#ffd9b7', 2 '#ffd9b7', 2 '#c0e3c0', 3 '#c0e3c0', 3 '#f3bfbf', 4 '#f3bfbf', 4 '#dfd2ec', 5 '#dfd2ec', 5 '#ddcdc9', 6 '#ddcdc9', 6 '#f7d7ed', 7 '#f7d7ed', 7 '#d9d9d9', 8 '#d9d9d9', 8 '#ebecbd', 9 '#ebecbd', 9 '#baecf1', 10 '#baecf1')
set xrange [-5.0:16.0]
set yrange [-5.0:6.0]
set xtics ('-4' -4, '-4' 7.0, '-2' -2, '-2' 9.0, '0' 0, '0' 11.0, '2' 2, '2' 13.0, '4' 4, '4' 15.0)
set label 1 'random initial codebook e ∼ N(0, I)' at 0.0,5.5 center front
set label 2 'learnt by 300 EMA steps' at 11.0,5.5 center front
plot 'vqvae-discretization-0.bin' binary array=(161,161) dx=0.0625 dy=0.0625 origin=(-5.0,-5.0) format='%float' endian=little with image notitle, \
     'vqvae-discretization.dat' index 0 using 1:2 with points pt 7 ps 0.5 lc rgb '#1f77b4' notitle, \
     'vqvae-discretization.dat' index 1 using 1:2 with points pt 7 ps 0.5 lc rgb '#2ca02c' notitle, \
     'vqvae-discretization.dat' index 2 using 1:2 with points pt 7 ps 0.5 lc rgb '#d62728' notitle, \
     'vqvae-discretization.dat' index 3 using 1:2 with points pt 7 ps 0.5 lc rgb '#9467bd' notitle, \
     'vqvae-discretization.dat' index 4 using 1:2 with points pt 7 ps 0.5 lc rgb '#8c564b' notitle, \
     'vqvae-discretization.dat' index 5 using 1:2 with points pt 7 ps 0.5 lc rgb '#e377c2' notitle, \
     'vqvae-discretization.dat' index 6 using 1:2 with points pt 7 ps 0.5 lc rgb '#7f7f7f' notitle, \
     'vqvae-discretization.dat' index 7 using 1:2 with points pt 7 ps 0.5 lc rgb '#bcbd22' notitle, \
     'vqvae-discretization.dat' index 8 using 1:2 with points pt 7 ps 0.5 lc rgb '#17becf' notitle, \
     'vqvae-discretization.dat' index 9 using 1:2 with points pt 2 ps 2.5 lw 3 lc rgb 'black' notitle, \
     'vqvae-discretization.dat' index 10 using 1:2 with points pt 6 ps 2 lw 2 lc rgb 'black' notitle, \
     'vqvae-discretization-12.bin' binary array=(161,161) dx=0.0625 dy=0.0625 origin=(6.0,-5.0) format='%float' endian=little with image notitle, \
     'vqvae-discretization.dat' index 11 using 1:2 with points pt 7 ps 0.5 lc rgb '#1f77b4' notitle, \
     'vqvae-discretization.dat' index 12 using 1:2 with points pt 7 ps 0.5 lc rgb '#ff7f0e' notitle, \
     'vqvae-discretization.dat' index 13 using 1:2 with points pt 7 ps 0.5 lc rgb '#2ca02c' notitle, \
     'vqvae-discretization.dat' index 14 using 1:2 with points pt 7 ps 0.5 lc rgb '#d62728' notitle, \
     'vqvae-discretization.dat' index 15 using 1:2 with points pt 7 ps 0.5 lc rgb '#9467bd' notitle, \
     'vqvae-discretization.dat' index 16 using 1:2 with points pt 7 ps 0.5 lc rgb '#8c564b' notitle, \
     'vqvae-discretization.dat' index 17 using 1:2 with points pt 7 ps 0.5 lc rgb '#e377c2' notitle, \
     'vqvae-discretization.dat' index 18 using 1:2 with points pt 7 ps 0.5 lc rgb '#7f7f7f' notitle, \
     'vqvae-discretization.dat' index 19 using 1:2 with points pt 7 ps 0.5 lc rgb '#bcbd22' notitle, \
     'vqvae-discretization.dat' index 20 using 1:2 with points pt 7 ps 0.5 lc rgb '#17becf' notitle, \
     'vqvae-discretization.dat' index 21 using 1:2 with points pt 2 ps 2.5 lw 3 lc rgb 'black' notitle, \
     keyentry with points pt 2 ps 2.5 lw 3 lc rgb 'black' title "code e_j with points", \
     keyentry with points pt 6 ps 2 lw 2 lc rgb 'black' title "dead code (no point)", \
     keyentry with points pt 7 ps 1 lc rgb '#555555' title "z_e, coloured by its code"
unset output
