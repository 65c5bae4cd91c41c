package support

// The support code that only generated code calls: the per-type codecs,
// the client methods and serve functions of operations of other shapes.
// These references stand in for those calls, so that staticcheck sees the
// code as used here as it is in a generated package; tests of them are
// beside the code they test.

type thingKind string

var _ = []any{
	escapeSpan, readValue[thing], writeValue[thing], collect[string],
	valueCodec[string].decode, valueCodec[string].encode, (*Client).sameHost,
	errNotImplemented, errNoRoute, (*handler).replyNoContent, replyValue[*thing], replyScalar[string],
	scalarCodec[string].decode, scalarCodec[string].encode, (*handler).replyStream, (*Client).doStream,
	exampleStream, checkStream,
	(*jsonReader).int16, (*jsonReader).int8, (*jsonReader).uint8, (*jsonReader).float64,
	(*jsonReader).float32, (*jsonReader).time,
	(*jsonReader).odataType, readEnum[thingKind], readPoly[*thing], polyCodecOf[*thing],
	(*jsonReader).leadingODataType,
	(*jsonWriter).int16, (*jsonWriter).int8, (*jsonWriter).uint8, (*jsonWriter).float64,
	(*jsonWriter).float32, (*jsonWriter).time,
	writePoly, writeEnum[thingKind], (*QueryOptions).addTo, queryValue,
	// The helpers of the generated example tests.
	exampleRoundTrip[thing], exampleRoundTripCodec, exampleShape, mustDecode, mustDecodeShape,
	checkJSON, exampleClient, checkStatus, (*statusWriter).WriteHeader, (*statusWriter).Write,
	jsonDiff, decodeAny, valueDiff, sameInstant, parseInstant,
}
