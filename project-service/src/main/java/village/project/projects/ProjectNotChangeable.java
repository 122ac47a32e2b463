package village.project.projects;

import org.springframework.http.HttpStatus;
import village.support.web.ProblemException;
import village.events.vocabulary.ProjectStatus;

/** 409 for a change the project's current state does not allow (progress outside IN_PROGRESS, a milestone done twice…). */
final class ProjectNotChangeable extends ProblemException {
  ProjectNotChangeable(String type, String title, String detail) {
    super(HttpStatus.CONFLICT, type, title, detail);
  }

  static ProjectNotChangeable progressNotAllowed(ProjectStatus status) {
    return new ProjectNotChangeable("project-not-in-progress", "Project not in progress",
        "Project is " + status + "; progress can be reported only while it is IN_PROGRESS.");
  }

  static ProjectNotChangeable milestoneAlreadyCompleted(String milestoneId, String completedOn) {
    return new ProjectNotChangeable("milestone-already-completed", "Milestone already completed",
        "Milestone '" + milestoneId + "' was already completed on " + completedOn + ".");
  }

  static ProjectNotChangeable cancelled(String what) {
    return new ProjectNotChangeable("project-cancelled", "Project cancelled",
        "Project is CANCELLED; " + what + " is no longer possible.");
  }
}
