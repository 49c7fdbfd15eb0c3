from tests.serve._server import served

__all__ = ["served"]
