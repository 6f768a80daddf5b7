# prelims-discriminative-generative.gp: draws ../prelims-discriminative-generative.png with plain gnuplot from the data beside it.
# Run:  cd Figures/src && gnuplot prelims-discriminative-generative.gp
# Data: prelims-discriminative-generative.dat (.dat: text columns, one block per layer; .bin: raw arrays).
set terminal pngcairo size 1200,560 enhanced font 'sans,11'
set output '../prelims-discriminative-generative.png'
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
set title "Generative (left): P(x | Y = k) P(Y = k) fitted, then Bayes' rule; discriminative (right): P(Y = 1 | x) = sigmoid(w x + b) fitted directly (10000\npoints)"
set xlabel "x"
set ylabel "P(x | Y = k) P(Y = k)"
set border 3
set tics nomirror
set grid back lt 1 lc rgb '#e4e4e4' lw 1
set samples 500
set xrange [-6.0:19.0]
set yrange [0:0.2314310942740892]
set y2range [-0.1:1.25]
set y2tics 0.2
set ytics nomirror
set y2label 'P(Y = 1 | x)'
set key below
set xtics ('-6' -6, '-6' 7.0, '-3' -3, '-3' 10.0, '0' 0, '0' 13.0, '3' 3, '3' 16.0, '6' 6, '6' 19.0)
set arrow from 6.5,graph 0 to 6.5,graph 1 nohead lc rgb '#888888'
set label 1 'generative: P(x | k) P(k)' at 0,graph 0.95 center front
set label 2 'discriminative: P(Y = 1 | x)' at 13.0,graph 0.95 center front
plot 'prelims-discriminative-generative.dat' index 0 using 1:2 with histeps lw 1 lc rgb '#1f77b4' title "class 0: histogram / N", \
     'prelims-discriminative-generative.dat' index 1 using 1:2 with lines lw 2.5 lc rgb '#1f77b4' title "P(x | Y = 0) P(Y = 0), fitted", \
     'prelims-discriminative-generative.dat' index 2 using 1:2 with histeps lw 1 lc rgb '#ff7f0e' title "class 1: histogram / N", \
     'prelims-discriminative-generative.dat' index 3 using 1:2 with lines lw 2.5 lc rgb '#ff7f0e' title "P(x | Y = 1) P(Y = 1), fitted", \
     'prelims-discriminative-generative.dat' index 4 using 1:2 axes x1y2 with points pt 7 ps 0.5 lc rgb '#601f77b4' notitle, \
     'prelims-discriminative-generative.dat' index 5 using 1:2 axes x1y2 with points pt 7 ps 0.5 lc rgb '#60ff7f0e' notitle, \
     'prelims-discriminative-generative.dat' index 6 using 1:2 axes x1y2 with lines lw 3 lc rgb '#2ca02c' title "Bayes' rule from the generative fit", \
     'prelims-discriminative-generative.dat' index 7 using 1:2 axes x1y2 with lines lw 2 dt 2 lc rgb 'black' title "logistic regression (Newton)"
unset output
