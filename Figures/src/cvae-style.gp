# cvae-style.gp: draws ../cvae-style.png with plain gnuplot from the data beside it.
# Run:  cd Figures/src && gnuplot cvae-style.gp
# Data: cvae-style-0.bin (.dat: text columns, one block per layer; .bin: raw arrays).
set terminal pngcairo size 1084,755 enhanced font 'sans,11'
set output '../cvae-style.png'
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
set title "Style transfer: each row a test image (left) and its z decoded with every label (the columns)"
unset border
unset tics
unset key
set lmargin at screen 0.119926
set rmargin at screen 1.0
set bmargin at screen 0.0
set tmargin at screen 0.917881
set label 1 "T-shirt/top" at screen 0.110701, first 13.5 right
set label 2 "Trouser" at screen 0.110701, first 42.5 right
set label 3 "Pullover" at screen 0.110701, first 71.5 right
set label 4 "Dress" at screen 0.110701, first 100.5 right
set label 5 "Coat" at screen 0.110701, first 129.5 right
set label 6 "Sandal" at screen 0.110701, first 158.5 right
set label 7 "Shirt" at screen 0.110701, first 187.5 right
set label 8 "Sneaker" at screen 0.110701, first 216.5 right
set label 9 "test image" at first 13.5, screen 0.93245 center font ',10'
set label 10 "T-shirt/top" at first 42.5, screen 0.93245 center font ',10'
set label 11 "Trouser" at first 71.5, screen 0.93245 center font ',10'
set label 12 "Pullover" at first 100.5, screen 0.93245 center font ',10'
set label 13 "Dress" at first 129.5, screen 0.93245 center font ',10'
set label 14 "Coat" at first 158.5, screen 0.93245 center font ',10'
set label 15 "Sandal" at first 187.5, screen 0.93245 center font ',10'
set label 16 "Shirt" at first 216.5, screen 0.93245 center font ',10'
set label 17 "Sneaker" at first 245.5, screen 0.93245 center font ',10'
set label 18 "Bag" at first 274.5, screen 0.93245 center font ',10'
set label 19 "Ankle boot" at first 303.5, screen 0.93245 center font ',10'
set palette gray gamma 1.0
set cbrange [0:255]
unset colorbox
set xrange [-0.5:317.5]
set yrange [230.5:-0.5]
plot 'cvae-style-0.bin' binary array=(318,231) format='%uchar' with image notitle
unset output
