package io.rosterline.devstack;

/** A "server" that starts and never opens its port: what a slow SIS or API looks like while the stack waits for it. */
public final class NeverReadyServer {
    private NeverReadyServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.out.println("starting, never ready");
        Thread.sleep(Long.MAX_VALUE);
    }
}
