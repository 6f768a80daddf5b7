# cvae-samples.gp: draws ../cvae-samples.png with plain gnuplot from the data beside it.
# Run:  cd Figures/src && gnuplot cvae-samples.gp
# Data: cvae-samples-0.bin (.dat: text columns, one block per layer; .bin: raw arrays).
set terminal pngcairo size 1047,929 enhanced font 'sans,11'
set output '../cvae-samples.png'
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
set title "CVAE samples: z ∼ N(0, I) decoded with each label (row: label, fraction the judge names as it)"
unset border
unset tics
unset key
set lmargin at screen 0.17192
set rmargin at screen 1.0
set bmargin at screen 0.0
set tmargin at screen 0.933262
set label 1 "T-shirt/top 0.75" at screen 0.162369, first 13.5 right
set label 2 "Trouser 0.91" at screen 0.162369, first 42.5 right
set label 3 "Pullover 0.78" at screen 0.162369, first 71.5 right
set label 4 "Dress 0.84" at screen 0.162369, first 100.5 right
set label 5 "Coat 0.83" at screen 0.162369, first 129.5 right
set label 6 "Sandal 0.93" at screen 0.162369, first 158.5 right
set label 7 "Shirt 0.88" at screen 0.162369, first 187.5 right
set label 8 "Sneaker 0.73" at screen 0.162369, first 216.5 right
set label 9 "Bag 0.90" at screen 0.162369, first 245.5 right
set label 10 "Ankle boot 0.95" at screen 0.162369, first 274.5 right
set label 11 "draw 1" at first 13.5, screen 0.945102 center font ',10'
set label 12 "draw 2" at first 42.5, screen 0.945102 center font ',10'
set label 13 "draw 3" at first 71.5, screen 0.945102 center font ',10'
set label 14 "draw 4" at first 100.5, screen 0.945102 center font ',10'
set label 15 "draw 5" at first 129.5, screen 0.945102 center font ',10'
set label 16 "draw 6" at first 158.5, screen 0.945102 center font ',10'
set label 17 "draw 7" at first 187.5, screen 0.945102 center font ',10'
set label 18 "draw 8" at first 216.5, screen 0.945102 center font ',10'
set label 19 "draw 9" at first 245.5, screen 0.945102 center font ',10'
set label 20 "draw 10" at first 274.5, screen 0.945102 center font ',10'
set palette gray gamma 1.0
set cbrange [0:255]
unset colorbox
set xrange [-0.5:288.5]
set yrange [288.5:-0.5]
plot 'cvae-samples-0.bin' binary array=(289,289) format='%uchar' with image notitle
unset output
