/**
 * SPDY/3.1 framing as kubectl's port-forward speaks it inside a WebSocket (KEP-4006's tunnel,
 * {@code SPDY/3.1+portforward.k8s.io}): the frames ({@link SpdyFrame}), their encoding and incremental decoding
 * ({@link SpdyEncoder}, {@link SpdyDecoder}) and header blocks compressed with zlib and SPDY/3's dictionary, one
 * compression context per direction for the whole connection ({@link HeaderBlockCompressor},
 * {@link HeaderBlockDecompressor}). Flow control is not kept: the Go implementation kubectl and the kubelet use
 * (moby/spdystream) neither sends nor heeds WINDOW_UPDATE, so such frames are decoded and may be ignored.
 */
package dev.orc.api.spdy;
