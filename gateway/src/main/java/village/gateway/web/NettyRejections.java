package village.gateway.web;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import reactor.netty.NettyPipeline;
import tools.jackson.databind.json.JsonMapper;
import village.contracts.RequestIds;

/**
 * The HTTP server's own rejections as problems. Reactor Netty answers a request it cannot decode (a request line over
 * {@code server.netty.max-initial-line-length}: 414; headers over {@code server.max-http-request-header-size}: 431;
 * anything malformed: 400) and Spring's adapter a request whose URI it cannot parse (400) with an empty body and no
 * type, before any WebFilter runs. A handler right behind the HTTP codec gives every such empty 4xx an
 * {@code application/problem+json} body (never for HEAD, whose answers have no body) and an {@code X-Request-Id}.
 */
@Configuration(proxyBeanMethods = false)
class NettyRejections {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Bean
  NettyServerCustomizer problemRejections() {
    return server -> server.doOnChannelInit((observer, channel, remote) -> {
      if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
        channel.pipeline().addAfter(NettyPipeline.HttpCodec, "village.problemRejections", new Handler());
      }
    });
  }

  /** Remembers the method of the request in hand; rewrites an empty, untyped 4xx response into a problem. */
  static final class Handler extends ChannelDuplexHandler {
    private HttpMethod method;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
      if (msg instanceof HttpRequest r) method = r.method();
      super.channelRead(ctx, msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
      if (msg instanceof FullHttpResponse r && r.status().code() >= 400 && r.status().code() < 500
          && !r.content().isReadable() && !r.headers().contains(HttpHeaderNames.CONTENT_TYPE)
          && !HttpMethod.HEAD.equals(method)) {
        FullHttpResponse problem = problem(r);
        r.release();
        super.write(ctx, problem, promise);
        return;
      }
      super.write(ctx, msg, promise);
    }

    private static FullHttpResponse problem(FullHttpResponse r) {
      int code = r.status().code();
      HttpStatus status = HttpStatus.resolve(code);
      String title = status != null ? status.getReasonPhrase() : r.status().reasonPhrase();
      String type = switch (code) {
        case 414 -> "uri-too-long";
        case 431 -> "header-fields-too-large";
        case 413 -> "payload-too-large";
        default -> "bad-request";
      };
      String detail = switch (code) {
        case 414 -> "The request line (method, path and query) is too long.";
        case 431 -> "The request headers are too large.";
        case 413 -> "The request is too large.";
        default -> "The request is not valid HTTP or its URI cannot be parsed.";
      };
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("type", ProblemResponses.TYPE_BASE + type);
      body.put("title", title);
      body.put("status", code);
      body.put("detail", detail);
      byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
      FullHttpResponse out = new DefaultFullHttpResponse(r.protocolVersion(), r.status(), Unpooled.wrappedBuffer(bytes));
      out.headers().set(r.headers());
      out.headers().set(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      out.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
      if (!out.headers().contains(RequestIds.HEADER)) out.headers().set(RequestIds.HEADER, RequestIds.acceptOrCreate(null));
      return out;
    }
  }
}
