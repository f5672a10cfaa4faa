/*
 * The pod sandbox's process: holds the pod's namespaces open and does nothing else.
 * PID 1 of the sandbox, so it also reaps orphans that end up in its PID namespace (a pod with
 * shareProcessNamespace) and exits 0 on SIGINT/SIGTERM, as the kubelet expects when it stops a
 * sandbox. Built static (gcc -static) by hack/images-pause.sh into a one-file image.
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void stop(int sig) { (void)sig; _exit(0); }

static void reap(int sig) {
    (void)sig;
    while (waitpid(-1, NULL, WNOHANG) > 0) {
    }
}

static void on(int sig, void (*handler)(int)) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sa.sa_flags = SA_RESTART | (sig == SIGCHLD ? SA_NOCLDSTOP : 0);
    if (sigaction(sig, &sa, NULL) < 0) {
        _exit(1);
    }
}

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "-v") == 0) {
        static const char version[] = "replicated-store pause 3.10\n";
        return write(STDOUT_FILENO, version, sizeof version - 1) < 0;
    }
    if (getpid() != 1) {
        static const char warn[] = "pause: warning: not PID 1\n";
        if (write(STDERR_FILENO, warn, sizeof warn - 1) < 0) {
            /* nothing to do about it */
        }
    }
    on(SIGINT, stop);
    on(SIGTERM, stop);
    on(SIGCHLD, reap);
    for (;;) {
        pause();
    }
}
