package support

// The support code that only generated code calls: the per-type codecs,
// the client methods and serve functions of operations of other shapes.
// These references stand in for those calls, so that staticcheck sees the
// code as used here as it is in a generated package; tests of them are
// beside the code they test.

type thingKind string

var _ = []any{
	escapeSpan, ReadValue[thing], WriteValue[thing], Collect[string],
	ValueCodec[string].decode, ValueCodec[string].encode, (*Client).sameHost,
	NotImplemented, errNoRoute, (*Handler).ReplyNoContent, ReplyValue[*thing], ReplyScalar[string],
	ScalarCodec[string].decode, ScalarCodec[string].encode, (*Handler).ReplyStream, (*Client).DoStream,
	(*jsonReader).int16, (*jsonReader).int8, (*jsonReader).uint8, (*jsonReader).float64,
	(*jsonReader).float32, (*jsonReader).time,
	(*jsonReader).odataType, ReadEnum[thingKind], readPoly[*thing], polyCodecOf[*thing],
	(*jsonReader).leadingODataType,
	(*jsonWriter).int16, (*jsonWriter).int8, (*jsonWriter).uint8, (*jsonWriter).float64,
	(*jsonWriter).float32, (*jsonWriter).time,
	writePoly, WriteEnum[thingKind], (*QueryOptions).addTo, QueryValue,
}
