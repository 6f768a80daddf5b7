# prelims-gmm.gp: draws ../prelims-gmm.png with plain gnuplot from the data beside it.
# Run:  cd Figures/src && gnuplot prelims-gmm.gp
# Data: prelims-gmm.dat, prelims-gmm-0.bin (.dat: text columns, one block per layer; .bin: raw arrays).
set terminal pngcairo size 820,720 enhanced font 'sans,11'
set output '../prelims-gmm.png'
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
set title "EM fit of a 3-component Gaussian mixture: p(x) (white contours: 8 equally spaced levels), each\npoint coloured by its component argmax_k γ_{nk}"
set xlabel "x_1"
set ylabel "x_2"
set border 15
set grid back lt 1 lc rgb '#e4e4e4' lw 1
set samples 500
set palette defined (0 '#440154', 1 '#472c7a', 2 '#3b518b', 3 '#2c718e', 4 '#21908d', 5 '#27ad81', 6 '#5cc863', 7 '#aadc32', 8 '#fde725')
set format cb '%g'
set autoscale fix
set key opaque
set size ratio -1
set key below
set xrange [-5.5:5]
set yrange [-5.5:4.5]
set cblabel 'p(x)'
set contour base
set cntrparam levels auto 8
unset surface
set table $c0
splot 'prelims-gmm-0.bin' binary array=(160,150) dx=0.0660377358490566 dy=0.06711409395973154 origin=(-5.5,-5.5,0) format='%float' endian=little with lines
unset table
unset contour
set surface
plot 'prelims-gmm-0.bin' binary array=(160,150) dx=0.0660377358490566 dy=0.06711409395973154 origin=(-5.5,-5.5) format='%float' endian=little with image notitle, \
     $c0 with lines lc rgb 'white' lw 1 notitle, \
     'prelims-gmm.dat' index 0 using 1:2 with points pt 7 ps 0.45 lc rgb '#ff7f0e' title "component 1", \
     'prelims-gmm.dat' index 1 using 1:2 with points pt 7 ps 0.45 lc rgb '#e377c2' title "component 2", \
     'prelims-gmm.dat' index 2 using 1:2 with points pt 7 ps 0.45 lc rgb '#00e5ff' title "component 3", \
     'prelims-gmm.dat' index 3 using 1:2 with points lw 3 pt 3 ps 3 lc rgb '#d62728' title "fitted μ_k"
unset output
