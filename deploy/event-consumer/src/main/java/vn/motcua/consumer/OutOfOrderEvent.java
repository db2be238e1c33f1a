package vn.motcua.consumer;

/**
 * Thrown by a consumer's apply when the record's version is not the next one of its stream (a version before it is
 * missing, or the stream does not start with its first event): the record is parked until the missing one is applied.
 */
public class OutOfOrderEvent extends RuntimeException {
    public OutOfOrderEvent(String stream, long version, long lastApplied) {
        super("version " + version + " of " + stream + " arrived after version " + lastApplied
                + (version > lastApplied + 1 ? ": version " + (lastApplied + 1) + " is missing" : ""));
    }
}
