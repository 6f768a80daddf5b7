# ae-loss-outliers.gp: draws ../ae-loss-outliers.png with plain gnuplot from the data beside it.
# Run:  cd Figures/src && gnuplot ae-loss-outliers.gp
# Data: ae-loss-outliers-0.bin (.dat: text columns, one block per layer; .bin: raw arrays).
set terminal pngcairo size 987,668 enhanced font 'sans,11'
set output '../ae-loss-outliers.png'
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
set title "Corrupted test images reconstructed by AEs trained with each loss (MSE to clean)"
unset border
unset tics
unset key
set lmargin at screen 0.121581
set rmargin at screen 1.0
set bmargin at screen 0.0
set tmargin at screen 0.907186
set label 1 "clean" at screen 0.111449, first 13.5 right
set label 2 "corrupted" at screen 0.111449, first 42.5 right
set label 3 "L2 0.0218" at screen 0.111449, first 71.5 right
set label 4 "L1 0.0198" at screen 0.111449, first 100.5 right
set label 5 "CE 0.0232" at screen 0.111449, first 129.5 right
set label 6 "EXP 0.0229" at screen 0.111449, first 158.5 right
set label 7 "MCC 0.0168" at screen 0.111449, first 187.5 right
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
plot 'ae-loss-outliers-0.bin' binary array=(289,202) format='%uchar' with image notitle
unset output
