/* The yardstick for bptutor's XOR figure (scripts/bench compiles it with cc -O2):
 * a hand-written 2-2-1 network, sigmoid hidden and output, squared loss
 * L = ½ Σ (a − t)², full batch over the four XOR samples, mean gradient,
 * η = 0.5, 200,000 epochs, the loss recorded every epoch as bptutor does.
 * Prints the seconds of the training loop alone and the final loss. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static double sigmoid(double z) { return z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z)); }

int main(int argc, char **argv) {
    int epochs = argc > 1 ? atoi(argv[1]) : 200000;
    const double x[4][2] = {{0, 0}, {0, 1}, {1, 0}, {1, 1}}, t[4] = {0, 1, 1, 0};
    double w[2][2] = {{0.5, -0.4}, {-0.3, 0.6}}, b[2] = {0, 0}, v[2] = {0.7, -0.2}, c = 0, eta = 0.5;
    double *history = malloc(sizeof(double) * (epochs + 1));
    double start = now();
    for (int e = 0; e < epochs; e++) {
        double gw[2][2] = {{0}}, gb[2] = {0}, gv[2] = {0}, gc = 0, loss = 0;
        for (int i = 0; i < 4; i++) {
            double h[2];
            for (int j = 0; j < 2; j++) h[j] = sigmoid(w[j][0] * x[i][0] + w[j][1] * x[i][1] + b[j]);
            double y = sigmoid(v[0] * h[0] + v[1] * h[1] + c);
            double err = y - t[i];
            loss += 0.5 * err * err;
            double d = 0.25 * err * y * (1 - y);
            gc += d;
            for (int j = 0; j < 2; j++) {
                gv[j] += d * h[j];
                double dh = d * v[j] * h[j] * (1 - h[j]);
                gb[j] += dh;
                gw[j][0] += dh * x[i][0];
                gw[j][1] += dh * x[i][1];
            }
        }
        history[e] = loss / 4;
        for (int j = 0; j < 2; j++) {
            w[j][0] -= eta * gw[j][0]; w[j][1] -= eta * gw[j][1];
            b[j] -= eta * gb[j]; v[j] -= eta * gv[j];
        }
        c -= eta * gc;
    }
    double seconds = now() - start;
    printf("%.6f %.6g\n", seconds, history[epochs - 1]);
    free(history);
    return 0;
}
