using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ActRun.Core.Tests.TestUtilities;

/// <summary>What the server answers to one path: a status, a body, and optionally a Content-Length larger than the body (a cut-off transfer).</summary>
public sealed record HttpReply(int Status, byte[] Body, long? DeclaredLength = null)
{
    public static HttpReply NotFound { get; } = new(404, "not found"u8.ToArray());
}

/// <summary>
/// A tiny HTTP/1.1 server on 127.0.0.1 for the download tests: one request per connection, answered by a route
/// function, then the connection is closed. It stops when disposed, and by itself after a minute at the latest,
/// so a failing test cannot leave it running.
/// </summary>
public sealed class LocalHttpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new(TimeSpan.FromMinutes(1));
    private readonly Func<string, HttpReply> _route;
    private readonly Task _loop;

    public LocalHttpServer(Func<string, HttpReply> route)
    {
        _route = route;
        _listener.Start();
        _stop.Token.Register(_listener.Stop);
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>The paths requested so far, in order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>A base URL on this server, e.g. <c>http://127.0.0.1:PORT/good/</c>, to use as a mirror.</summary>
    public string Mirror(string prefix) => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/{prefix}/";

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = Task.Run(() => Handle(client));
        }
    }

    private void Handle(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                string path = ReadRequestPath(stream);
                Requests.Enqueue(path);
                var reply = _route(path);
                string reason = reply.Status switch { 200 => "OK", 404 => "Not Found", 500 => "Internal Server Error", _ => "Status" };
                string header = $"HTTP/1.1 {reply.Status} {reason}\r\nContent-Length: {reply.DeclaredLength ?? reply.Body.Length}\r\n" +
                                "Content-Type: application/octet-stream\r\nConnection: close\r\n\r\n";
                stream.Write(Encoding.ASCII.GetBytes(header));
                stream.Write(reply.Body);
                stream.Flush();
            }
            catch (IOException)
            {
                // The client went away; nothing to answer.
            }
        }
    }

    /// <summary>Reads the request head (up to the blank line) and returns the path of "GET /path HTTP/1.1".</summary>
    private static string ReadRequestPath(NetworkStream stream)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (head.Length < 16384 && stream.Read(one) == 1)
        {
            head.Append((char)one[0]);
            if (head.Length >= 4 && head.ToString(head.Length - 4, 4) == "\r\n\r\n") break;
        }
        string[] requestLine = head.ToString().Split("\r\n")[0].Split(' ');
        return requestLine.Length >= 2 ? requestLine[1] : "";
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _loop.Wait(TimeSpan.FromSeconds(5));
        _stop.Dispose();
    }
}
