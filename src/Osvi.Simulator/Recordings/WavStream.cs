using System.Buffers.Binary;
using Osvi.Simulator.World;

namespace Osvi.Simulator.Recordings;

/// <summary>
/// A call recording as a read-only, seekable stream of a 16-bit mono 8 kHz PCM WAV that is computed on the fly: every
/// sample is a pure function of its index (voice-like tones during the transcript's turns, a faint hiss between), so
/// any byte range can be served without generating what precedes it and nothing is held in memory.
/// </summary>
internal sealed class WavStream : Stream
{
    /// <summary>Samples per second.</summary>
    public const int SampleRate = 8_000;

    private const int HeaderLength = 44;
    private const int SyllableSamples = SampleRate / 5;

    private static readonly short[] s_sine = BuildSine();

    private readonly Segment[] _segments;
    private readonly long _dataLength;
    private readonly uint _seed;
    private long _position;
    private int _cursor;

    public WavStream(RecordingSource source)
    {
        _seed = (uint)source.CallId.GetHashCode();
        _dataLength = (long)source.DurationSeconds * SampleRate * 2;
        _segments = [.. source.Turns.Select(t => new Segment((long)(t.Start * SampleRate), (long)(t.End * SampleRate), t.IsAgent))];
    }

    /// <summary>The WAV's size in bytes.</summary>
    public override long Length => HeaderLength + _dataLength;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Position
    {
        get => _position;
        set => _position = Math.Clamp(value, 0, Length);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var remaining = Length - _position;
        var count = (int)Math.Min(buffer.Length, remaining);
        var written = 0;
        Span<byte> header = stackalloc byte[HeaderLength];
        while (written < count)
        {
            var position = _position + written;
            if (position < HeaderLength)
            {
                WriteHeader(header);
                var n = (int)Math.Min(HeaderLength - position, count - written);
                header.Slice((int)position, n).CopyTo(buffer[written..]);
                written += n;
                continue;
            }

            var dataOffset = position - HeaderLength;
            var sampleIndex = dataOffset >> 1;
            var sample = Sample(sampleIndex);
            if ((dataOffset & 1) == 1)
            {
                buffer[written++] = (byte)((ushort)sample >> 8);
                continue;
            }

            if (count - written >= 2)
            {
                BinaryPrimitives.WriteInt16LittleEndian(buffer[written..], sample);
                written += 2;
            }
            else
            {
                buffer[written++] = (byte)sample;
            }
        }

        _position += count;
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        cancellationToken.IsCancellationRequested ? ValueTask.FromCanceled<int>(cancellationToken) : ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        _ => Length + offset,
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private void WriteHeader(Span<byte> header)
    {
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)Math.Min(uint.MaxValue, 36 + _dataLength));
        "WAVEfmt "u8.CopyTo(header[8..]);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(header[20..], 1);
        BinaryPrimitives.WriteUInt16LittleEndian(header[22..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(header[24..], SampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(header[28..], SampleRate * 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[32..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[34..], 16);
        "data"u8.CopyTo(header[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(header[40..], (uint)Math.Min(uint.MaxValue, _dataLength));
    }

    /// <summary>One sample: syllables of a voiced tone (agent lower, customer higher) inside turns, hiss outside.</summary>
    private short Sample(long n)
    {
        if (FindSegment(n) is not { } segment)
        {
            return (short)((int)(Hash((ulong)n) % 41) - 20);
        }

        var offset = n - segment.Start;
        var syllable = (ulong)(offset / SyllableSamples);
        var within = (int)(offset % SyllableSamples);
        var variation = Hash(syllable ^ ((ulong)segment.Start << 20));
        if (variation % 9 == 0)
        {
            return (short)((int)(Hash((ulong)n) % 61) - 30);
        }

        var f0 = (segment.IsAgent ? 140 : 215) + (int)(variation % 40);
        var phase = n % SampleRate;
        var tone = s_sine[(int)(phase * f0 % SampleRate)]
            + (s_sine[(int)(phase * f0 * 2 % SampleRate)] / 2)
            + (s_sine[(int)(phase * f0 * 3 % SampleRate)] / 4);

        // Raised envelope per syllable so it sounds like speech rhythm, not a beep.
        var envelope = s_sine[within * (SampleRate / 2) / SyllableSamples];
        var loudness = 0.45 + ((variation >> 8) % 50 / 100.0);
        return (short)(tone * (envelope / 32767.0) * loudness * 0.55);
    }

    private Segment? FindSegment(long n)
    {
        if (_segments.Length == 0)
        {
            return null;
        }

        // Reads are sequential, so the last segment is the best first guess; otherwise binary search.
        if (_cursor < _segments.Length && _segments[_cursor].Start <= n && n < _segments[_cursor].End)
        {
            return _segments[_cursor];
        }

        if (_cursor + 1 < _segments.Length && _segments[_cursor].End <= n && n < _segments[_cursor + 1].Start)
        {
            return null;
        }

        int low = 0, high = _segments.Length - 1;
        while (low <= high)
        {
            var mid = (low + high) >>> 1;
            if (_segments[mid].End <= n)
            {
                low = mid + 1;
            }
            else if (_segments[mid].Start > n)
            {
                high = mid - 1;
            }
            else
            {
                _cursor = mid;
                return _segments[mid];
            }
        }

        _cursor = Math.Clamp(low - 1, 0, _segments.Length - 1);
        return null;
    }

    private uint Hash(ulong value)
    {
        var x = value ^ _seed;
        x ^= x >> 33;
        x *= 0xff51afd7ed558ccdUL;
        x ^= x >> 33;
        x *= 0xc4ceb9fe1a85ec53UL;
        x ^= x >> 33;
        return (uint)x;
    }

    private static short[] BuildSine()
    {
        var table = new short[SampleRate];
        for (var i = 0; i < table.Length; i++)
        {
            table[i] = (short)Math.Round(Math.Sin(2 * Math.PI * i / SampleRate) * 32767);
        }

        return table;
    }

    private readonly record struct Segment(long Start, long End, bool IsAgent);
}
