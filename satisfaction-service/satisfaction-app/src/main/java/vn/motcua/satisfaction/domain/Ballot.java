package vn.motcua.satisfaction.domain;

import vn.motcua.satisfaction.events.InvalidReason;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a citizen answered, as submitted or as typed from a paper ballot.
 *
 * @param answers        level per criterion code; a criterion left blank is absent
 * @param overall        the overall level; null when not marked (an invalid paper ballot)
 * @param multipleMarked questions (criterion codes, or "overall") on which a paper ballot has several levels marked
 * @param declaredInvalid the officer's finding for a ballot that cannot be used as it is (UNREADABLE, OTHER)
 */
public record Ballot(Map<String, Integer> answers, Integer overall, Set<String> multipleMarked,
                     InvalidReason declaredInvalid) {

    public Ballot {
        answers = Map.copyOf(answers);
        multipleMarked = Set.copyOf(multipleMarked);
    }

    /** Why this ballot's content cannot count, if it cannot. */
    public Optional<InvalidReason> contentProblem() {
        if (declaredInvalid != null) {
            return Optional.of(declaredInvalid);
        }
        if (!multipleMarked.isEmpty()) {
            return Optional.of(InvalidReason.MULTIPLE_MARKS);
        }
        if (overall == null) {
            return Optional.of(InvalidReason.INCOMPLETE);
        }
        return Optional.empty();
    }
}
