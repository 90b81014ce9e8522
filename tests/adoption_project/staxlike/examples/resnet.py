"""A residual MLP built from FanOut, parallel and FanInSum (lists of shapes)."""

from jax import random

from staxlike import stax
from staxlike.stax import Dense, FanInConcat, FanInSum, FanOut, Identity, Relu


def residual_block(width):
    main = stax.serial(Dense(width), Relu, Dense(width))
    return stax.serial(FanOut(2), stax.parallel(main, Identity), FanInSum, Relu)


def wide_block(width):
    return stax.serial(FanOut(2), stax.parallel(Dense(width), Dense(width)), FanInConcat())


def ResNet(width, depth, num_classes):
    blocks = [residual_block(width) for _ in range(depth)]
    return stax.serial(Dense(width), *blocks, wide_block(width), Dense(num_classes), stax.LogSoftmax)


def main(batch=4, features=6):
    init_fun, apply_fun = ResNet(8, 2, 3)
    out_shape, params = init_fun(random.key(0), (batch, features))
    x = random.normal(random.key(1), (batch, features))
    return apply_fun(params, x).shape, out_shape, stax.num_params(params)


if __name__ == "__main__":
    print(main())
