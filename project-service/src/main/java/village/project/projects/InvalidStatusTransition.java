package village.project.projects;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import village.support.web.ProblemException;
import village.events.vocabulary.ProjectStatus;

/** 409: the lifecycle does not allow this move from the project's current status. */
final class InvalidStatusTransition extends ProblemException {
  private final ProjectStatus current;
  private final ProjectStatus requested;

  InvalidStatusTransition(ProjectStatus current, ProjectStatus requested) {
    super(HttpStatus.CONFLICT, "invalid-status-transition", "Status change not allowed",
        "Project is " + current + "; cannot move to " + requested
            + (Lifecycle.isFinal(current) ? " (" + current + " is final)." : " (allowed: " + Lifecycle.next(current) + ")."));
    this.current = current;
    this.requested = requested;
  }

  @Override
  public ProblemDetail toProblemDetail() {
    ProblemDetail p = super.toProblemDetail();
    p.setProperty("currentStatus", current.name());
    p.setProperty("requestedStatus", requested.name());
    return p;
  }
}
