from tests.serve._server import client, served

__all__ = ["client", "served"]
