namespace SnoopRecorder.Packets;

/// <summary>
/// Intrusive doubly linked list of connections, least recently active first: touching, removing and finding the
/// eviction or idle candidate are O(1) and allocate nothing.
/// </summary>
internal sealed class ConnectionLruList
{
    public TcpConnection? Head { get; private set; }

    public TcpConnection? Tail { get; private set; }

    public void AddLast(TcpConnection connection)
    {
        connection.LruPrevious = Tail;
        connection.LruNext = null;
        if (Tail is null)
        {
            Head = connection;
        }
        else
        {
            Tail.LruNext = connection;
        }

        Tail = connection;
    }

    public void Remove(TcpConnection connection)
    {
        if (connection.LruPrevious is null)
        {
            Head = connection.LruNext;
        }
        else
        {
            connection.LruPrevious.LruNext = connection.LruNext;
        }

        if (connection.LruNext is null)
        {
            Tail = connection.LruPrevious;
        }
        else
        {
            connection.LruNext.LruPrevious = connection.LruPrevious;
        }

        connection.LruPrevious = null;
        connection.LruNext = null;
    }

    public void MoveToEnd(TcpConnection connection)
    {
        if (Tail == connection)
        {
            return;
        }

        Remove(connection);
        AddLast(connection);
    }

    public void Clear()
    {
        Head = null;
        Tail = null;
    }
}
