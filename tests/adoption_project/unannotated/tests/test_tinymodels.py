import jax
import jax.numpy as jnp

from tinymodels import layers, model


def _model():
    return model.Sequential(
        [
            layers.Dense({"width": 4}),
            layers.Activation({"name": "relu"}),
            layers.Counter(),
            layers.Dropout({"rate": 0.1}),
            layers.Scale(),
            layers.Dense({"width": 1}),
        ]
    )


def test_train_and_predict():
    x = jax.random.normal(jax.random.key(0), (8, 3))
    y = jnp.sum(x, axis=1, keepdims=True)
    m = _model()
    losses = model.train(m, x, y, steps=3)
    assert losses[-1] < losses[0]
    assert model.predict(m, x).shape == (8, 1)
    assert int(m.get_state()[2]["calls"]) == 3
    assert model.count_params(m.get_params()) == 3 * 4 + 4 + 4 + 4 + 1


def test_shapes_and_hyperparameters():
    m = _model()
    assert m.get_output_shape((3,)) == (1,)
    assert model.batch_shape((3,), 2) == (2, 3)
    layer = layers.Dense()
    layer.set_hyperparameters({"width": 2})
    assert layer.get_hyperparameters() == {"width": 2}
    assert model.sgd(jnp.ones(2), jnp.ones(2))[0] == 0.95
