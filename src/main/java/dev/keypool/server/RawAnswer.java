package dev.keypool.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * An HTTP/1.1 error answer written as bytes at the head of the pipeline, then the connection closed:
 * for moments when no request object exists yet (its headers never completed, or its connection was
 * refused), so Vert.x has nothing to answer with.
 */
final class RawAnswer {
  private RawAnswer() {}

  static void sendAndClose(ChannelHandlerContext ctx, int status, Buffer body) {
    byte[] json = body.getBytes();
    String head = "HTTP/1.1 " + status + " " + HttpResponseStatus.valueOf(status).reasonPhrase() + "\r\n"
        + "content-type: application/json\r\ncontent-length: " + json.length + "\r\nconnection: close\r\n\r\n";
    ByteBuf bytes = Unpooled.wrappedBuffer(head.getBytes(StandardCharsets.US_ASCII), json);
    ctx.writeAndFlush(bytes).addListener(ChannelFutureListener.CLOSE);
  }

  /** Closes once everything written so far has gone out. */
  static void closeAfterWrites(ChannelHandlerContext ctx) {
    ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
  }
}
