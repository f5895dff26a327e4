package parley.command.shutdown;

import org.springframework.context.SmartLifecycle;

/** A lifecycle bean that does nothing on start and one shutdown step on stop. */
abstract class StopOnly implements SmartLifecycle {

    private volatile boolean running;

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        if (running) {
            running = false;
            onStop();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    abstract void onStop();
}
