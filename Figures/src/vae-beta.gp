# vae-beta.gp: draws ../vae-beta.png with plain gnuplot from the data beside it.
# Run:  cd Figures/src && gnuplot vae-beta.gp
# Data: vae-beta.dat (.dat: text columns, one block per layer; .bin: raw arrays).
set terminal pngcairo size 800,600 enhanced font 'sans,11'
set output '../vae-beta.png'
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
set title "beta-VAE rate-distortion on the test set (Z = 10, 3 epochs each)"
set xlabel "rate: KL(q(z|x) || p(z)) (nats)"
set ylabel "distortion: -E_q log p(x|z) (nats)"
set border 3
set tics nomirror
set grid back lt 1 lc rgb '#e4e4e4' lw 1
set samples 500
set key top right
set grid
set offsets graph 0.05, graph 0.15, graph 0.1, graph 0.05
set label 'β = 0.25' at 23.93316160497688,224.88324098396447 offset 1,1
set label 'β = 0.5' at 18.616385876864104,227.5175139943676 offset 1,1
set label 'β = 1' at 13.223131647307529,232.53117654590602 offset 1,1
set label 'β = 2' at 9.063991710891012,239.75833461151507 offset 1,1
set label 'β = 4' at 6.063570830274993,249.51364519545706 offset 1,1
set label 'β = 8' at 4.1676345772635495,261.3463669125121 offset 1,1
plot 'vae-beta.dat' index 0 using 1:2 with linespoints lw 2 pt 7 ps 1.3 lc rgb '#1f77b4' title "trained VAEs"
unset output
