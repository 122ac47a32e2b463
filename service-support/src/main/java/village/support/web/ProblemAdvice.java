package village.support.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.Errors;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.MismatchedInputException;
import village.contracts.Money;

/**
 * Turns every failure into {@code application/problem+json}: {@link ProblemException}s as they say, malformed
 * JSON and wrong types as 400 (with the field), bean validation as 400 with {@code errors}, an oversized body as
 * 413, and anything unexpected as a logged 500 that reveals nothing. A service's own advice may map its domain
 * failures first (this one has the lowest precedence).
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemAdvice extends ResponseEntityExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

  @ExceptionHandler(ProblemException.class)
  public ResponseEntity<ProblemDetail> problem(ProblemException e, HttpServletRequest req) {
    return respond(e, req);
  }

  @ExceptionHandler(Money.InvalidMoney.class)
  public ResponseEntity<ProblemDetail> money(Money.InvalidMoney e, HttpServletRequest req) {
    return respond(Problems.invalid("amount", e.getMessage()), req);
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  public ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest req) {
    return respond(Problems.invalid(e.getName(), "has the wrong type or value: '" + e.getValue() + "'"), req);
  }

  /** A Content-Type that cannot be parsed (the request guard refuses most before they get here). */
  @ExceptionHandler(InvalidMediaTypeException.class)
  public ResponseEntity<ProblemDetail> mediaType(InvalidMediaTypeException e, HttpServletRequest req) {
    return respond(new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported media type",
        "The Content-Type is not a valid concrete media type; send application/json."), req);
  }

  @ExceptionHandler(Exception.class)
  public ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest req) {
    PayloadTooLarge tooLarge = causeOf(e, PayloadTooLarge.class);
    if (tooLarge != null) return respond(Problems.payloadTooLarge(tooLarge.max()), req);
    log.error("unexpected failure on {} {}", req.getMethod(), req.getRequestURI(), e);
    return respond(new ProblemException(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
        "Something went wrong on our side; it has been logged."), req);
  }

  public static ResponseEntity<ProblemDetail> respond(ProblemException e, HttpServletRequest req) {
    ProblemDetail body = e.toProblemDetail();
    body.setInstance(instance(req.getRequestURI()));
    HttpHeaders headers = new HttpHeaders();
    e.headers().forEach(headers::add);
    return ResponseEntity.status(e.status()).headers(headers).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    HttpServletRequest req = ((ServletWebRequest) request).getRequest();
    PayloadTooLarge tooLarge = causeOf(ex, PayloadTooLarge.class);
    if (tooLarge != null) return widen(respond(Problems.payloadTooLarge(tooLarge.max()), req));
    DatabindException bind = causeOf(ex, DatabindException.class);
    Money.InvalidMoney money = causeOf(ex, Money.InvalidMoney.class);
    StrictJson.Rejected rejected = causeOf(ex, StrictJson.Rejected.class);
    if (bind != null && !bind.getPath().isEmpty()) {
      String field = path(bind);
      String message = money != null ? money.getMessage() : rejected != null ? rejected.getMessage() : expected(bind);
      return widen(respond(Problems.invalid(field, message), req));
    }
    if (causeOf(ex, JacksonException.class) != null) {
      return widen(respond(Problems.badRequest("The body is not well-formed JSON."), req));
    }
    return widen(respond(Problems.badRequest("The request body is missing or unreadable."), req));
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    Map<String, String> errors = new TreeMap<>();
    collect(ex.getBindingResult(), errors);
    return widen(respond(Problems.invalid(fieldErrors(errors)), ((ServletWebRequest) request).getRequest()));
  }

  /** Constraints on query parameters and path variables ({@code @OneOf(Source.class) @RequestParam String source}), and bodies checked with them. */
  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    Map<String, String> errors = new TreeMap<>();
    for (ParameterValidationResult result : ex.getParameterValidationResults()) {
      if (result instanceof ParameterErrors bean) {
        collect(bean, errors);
        continue;
      }
      String name = parameterName(result.getMethodParameter());
      result.getResolvableErrors().forEach(e -> errors.putIfAbsent(name, e.getDefaultMessage()));
    }
    return widen(respond(Problems.invalid(fieldErrors(errors)), ((ServletWebRequest) request).getRequest()));
  }

  /** One error per field (the first by message when a value breaks several constraints), in the order of the fields' names. */
  private static void collect(Errors binding, Map<String, String> errors) {
    List<org.springframework.validation.FieldError> fields = new ArrayList<>(binding.getFieldErrors());
    fields.sort(Comparator.comparing((org.springframework.validation.FieldError f) -> String.valueOf(f.getDefaultMessage())));
    fields.forEach(f -> errors.putIfAbsent(f.getField(), f.getDefaultMessage()));
    binding.getGlobalErrors().forEach(g -> errors.putIfAbsent(g.getObjectName(), g.getDefaultMessage()));
  }

  private static List<ProblemException.FieldError> fieldErrors(Map<String, String> errors) {
    List<ProblemException.FieldError> out = new ArrayList<>();
    errors.forEach((field, message) -> out.add(new ProblemException.FieldError(field, message)));
    return out;
  }

  private static String parameterName(MethodParameter p) {
    RequestParam param = p.getParameterAnnotation(RequestParam.class);
    if (param != null && !param.name().isEmpty()) return param.name();
    PathVariable path = p.getParameterAnnotation(PathVariable.class);
    if (path != null && !path.name().isEmpty()) return path.name();
    return p.getParameterName() == null ? "parameter" : p.getParameterName();
  }

  @Override
  protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
    if (body instanceof ProblemDetail p && request instanceof ServletWebRequest swr) {
      p.setInstance(instance(swr.getRequest().getRequestURI()));
      if (p.getType() == null || "about:blank".equals(p.getType().toString())) {
        p.setType(URI.create(ProblemException.TYPE_BASE + "http-" + statusCode.value()));
      }
    }
    return ResponseEntity.status(statusCode).headers(headers).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
  }

  /** What a field of the wrong JSON type must be, from the type Jackson wanted. */
  private static String expected(DatabindException e) {
    if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
      Class<?> t = m.getTargetType();
      if (t == String.class || t.isEnum()) return "must be a JSON string";
      if (t == Boolean.class || t == boolean.class) return "must be true or false";
      if (Number.class.isAssignableFrom(t) || (t.isPrimitive() && t != boolean.class)) return "must be a JSON number";
      if (java.util.Collection.class.isAssignableFrom(t) || t.isArray()) return "must be a JSON array";
      if (!t.getName().startsWith("java.")) return "must be a JSON object";
    }
    return "has the wrong type or format";
  }

  /** The request path as the problem's {@code instance}; a path that is no valid URI is left out. */
  static URI instance(String path) {
    try {
      return path == null ? null : URI.create(path);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String path(DatabindException e) {
    StringBuilder sb = new StringBuilder();
    for (var ref : e.getPath()) {
      if (ref.getPropertyName() != null) {
        if (!sb.isEmpty()) sb.append('.');
        sb.append(ref.getPropertyName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.isEmpty() ? "body" : sb.toString();
  }

  @SuppressWarnings("unchecked")
  private static ResponseEntity<Object> widen(ResponseEntity<ProblemDetail> r) {
    return (ResponseEntity<Object>) (ResponseEntity<?>) r;
  }

  static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) return type.cast(t);
      if (t.getCause() == t) break;
    }
    return null;
  }
}
