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
set label 'β = 0.25' at 23.35683696791634,225.10310147874375 offset 1,1
set label 'β = 0.5' at 18.532098512998733,227.39389007638792 offset 1,1
set label 'β = 1' at 13.319296025026365,232.17042969061376 offset 1,1
set label 'β = 2' at 9.119029162761912,239.8141750245599 offset 1,1
set label 'β = 4' at 6.015328687752708,250.44435689137984 offset 1,1
set label 'β = 8' at 4.169621613594589,261.5329511970741 offset 1,1
plot 'vae-beta.dat' index 0 using 1:2 with linespoints lw 2 pt 7 ps 1.3 lc rgb '#1f77b4' title "trained VAEs"
unset output
