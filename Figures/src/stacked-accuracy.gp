# stacked-accuracy.gp: draws ../stacked-accuracy.png with plain gnuplot from the data beside it.
# Run:  cd Figures/src && gnuplot stacked-accuracy.gp
# Data: stacked-accuracy.dat (.dat: text columns, one block per layer; .bin: raw arrays).
set terminal pngcairo size 800,600 enhanced font 'sans,11'
set output '../stacked-accuracy.png'
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
set title "Test accuracy against labelled-set size (mean and standard deviation over 5 sets)"
set xlabel "labelled training images"
set ylabel "test accuracy"
set border 3
set tics nomirror
set grid back lt 1 lc rgb '#e4e4e4' lw 1
set samples 500
set logscale x
set key bottom right
set xrange [71.42857142857143:4200.0]
set xtics (100, 300, 1000, 3000)
plot 'stacked-accuracy.dat' index 0 using 1:2:3 with yerrorlines lw 2 lc rgb '#1f77b4' title "random, fine-tuned", \
     'stacked-accuracy.dat' index 1 using 1:2:3 with yerrorlines lw 2 lc rgb '#ff7f0e' title "SAE, fine-tuned", \
     'stacked-accuracy.dat' index 2 using 1:2:3 with yerrorlines lw 2 lc rgb '#2ca02c' title "SDA, fine-tuned", \
     'stacked-accuracy.dat' index 3 using 1:2:3 with yerrorlines lw 2 dt 2 lc rgb '#1f77b4' title "random, 1-NN on features", \
     'stacked-accuracy.dat' index 4 using 1:2:3 with yerrorlines lw 2 dt 2 lc rgb '#ff7f0e' title "SAE, 1-NN on features", \
     'stacked-accuracy.dat' index 5 using 1:2:3 with yerrorlines lw 2 dt 2 lc rgb '#2ca02c' title "SDA, 1-NN on features"
unset output
